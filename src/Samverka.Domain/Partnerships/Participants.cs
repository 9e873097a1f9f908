using Samverka.Domain.Common;
using Samverka.Domain.Formatting;

namespace Samverka.Domain.Partnerships;

/// <summary>
/// Personal data of a partnership (participants, their consents and placements, day notes): read
/// and written only by the people on the partnership's team, audited without its content.
/// </summary>
public interface IPersonalData
{
    Guid PartnershipId { get; }
}

/// <summary>The participant's consent to take part: when, given by whom (the young person, or a guardian as well), and its withdrawal.</summary>
public sealed record Consent(DateOnly GivenOn, string GivenBy, string RecordedBy, DateOnly? WithdrawnOn = null, string? WithdrawalRecordedBy = null)
{
    public bool Active => WithdrawnOn is null;
}

/// <summary>A placement in the activity (arbetsträning): where, the supervisor, start and end.</summary>
public sealed record Placement(Guid Id, string Workplace, string Supervisor, DateOnly Start, DateOnly? End, string RecordedBy)
{
    public bool Covers(DateOnly day) => day >= Start && (End is null || day <= End);
}

/// <summary>
/// A young person in the work-training activity (Söråker): referred after a coordination meeting,
/// of an age inside the agreement's target group, taking part voluntarily with recorded consent
/// (withdrawable), possibly under the municipality's activity responsibility (KAA), placed with a
/// supervisor for a period. When consent is withdrawn the name and birth date are erased and the day
/// notes deleted; what remains is an anonymous count for the follow-up.
/// </summary>
public sealed class Participant : Entity, IMunicipalityOwned, IVersioned, IAudited, IPersonalData
{
    private Participant() { }

    public Guid PartnershipId { get; private set; }
    public Guid MunicipalityId { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly? BirthDate { get; private set; }
    public Guid CoordinationMeetingId { get; private set; }
    public DateOnly ReferredOn { get; private set; }
    public string ReferringUnit { get; private set; } = "";

    /// <summary>Under the municipality's activity responsibility for young people outside school (kommunala aktivitetsansvaret, KAA).</summary>
    public bool UnderActivityResponsibility { get; private set; }

    public IReadOnlyList<Consent> Consents { get; private set; } = [];
    public IReadOnlyList<Placement> Placements { get; private set; } = [];

    /// <summary>Set when consent was withdrawn and the personal data erased.</summary>
    public DateOnly? ErasedOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public Guid Version { get; set; }

    public bool HasConsent => ErasedOn is null && Consents.Count > 0 && Consents[^1].Active;

    /// <summary>Age in whole years on a day.</summary>
    public static int AgeOn(DateOnly birth, DateOnly day) => day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);

    /// <summary>
    /// Registers a young person referred to the activity at a coordination meeting of the partnership.
    /// The age on the day of the meeting must lie inside the agreement's target group (Söråker: 14–25).
    /// </summary>
    public static Participant Refer(Partnership partnership, string? name, DateOnly? birthDate, Guid? coordinationMeetingId, bool underActivityResponsibility,
        DateOnly today, DateTimeOffset at)
    {
        partnership.EnsureRunning();
        var meeting = partnership.Coordination.FirstOrDefault(c => c.Id == coordinationMeetingId)
            ?? throw new DomainException("Välj samverkansmötet där den unge remitterades. Registrera mötet först om det saknas.", "CoordinationMeetingId");
        var cleanName = Texts.Required(name, "Ange deltagarens namn.", "Name", 200);
        if (birthDate is not { } birth || birth > today)
        {
            throw new DomainException("Ange födelsedatum (ÅÅÅÅ-MM-DD).", "BirthDate");
        }

        CheckAge(partnership, birth, meeting.Date, "BirthDate");
        return new Participant
        {
            PartnershipId = partnership.Id,
            MunicipalityId = partnership.MunicipalityId,
            Name = cleanName,
            BirthDate = birth,
            CoordinationMeetingId = meeting.Id,
            ReferredOn = meeting.Date,
            ReferringUnit = meeting.ReferringUnit,
            UnderActivityResponsibility = underActivityResponsibility,
            CreatedAt = at,
        };
    }

    /// <summary>Records the participant's consent. Participation is voluntary: nothing is planned for a participant without consent.</summary>
    public void GiveConsent(DateOnly? on, string? givenBy, string actor, DateOnly today)
    {
        EnsureNotErased();
        if (HasConsent)
        {
            throw new DomainException("Samtycket är redan registrerat.", "GivenOn") { IsConflict = true };
        }

        if (on is not { } day || day > today || day < BirthDate)
        {
            throw new DomainException("Ange dagen då samtycket lämnades (inte i framtiden).", "GivenOn");
        }

        var by = Texts.Required(givenBy, "Ange vem som lämnade samtycket, till exempel den unge själv och vårdnadshavare.", "GivenBy", 200);
        Consents = [.. Consents, new Consent(day, by, actor)];
    }

    /// <summary>
    /// Withdrawal of consent is honoured at once: placements end on that day, the name and birth date
    /// are erased, and the day notes are deleted by the caller in the same transaction.
    /// </summary>
    public void WithdrawConsent(DateOnly? on, string actor, DateOnly today)
    {
        EnsureNotErased();
        if (!HasConsent)
        {
            throw new DomainException("Det finns inget gällande samtycke att återkalla.", "WithdrawnOn");
        }

        var current = Consents[^1];
        if (on is not { } day || day > today || day < current.GivenOn)
        {
            throw new DomainException("Ange dagen då samtycket återkallades (inte före samtycket, inte i framtiden).", "WithdrawnOn");
        }

        Consents = [.. Consents.Take(Consents.Count - 1), current with { WithdrawnOn = day, WithdrawalRecordedBy = actor, GivenBy = "–" }];
        Placements = Placements.Select(p => p.End is null || p.End > day ? p with { End = p.Start > day ? p.Start : day } : p)
            .Select(p => p with { Supervisor = "–" }).ToList();
        Name = "Deltagare (samtycket återkallat)";
        BirthDate = null;
        ErasedOn = day;
    }

    /// <summary>
    /// A placement with a supervisor. Refused without consent given by the start, outside the term,
    /// outside the target group's ages, or when it overlaps another placement of the same participant.
    /// </summary>
    public Placement Place(Partnership partnership, string? workplace, string? supervisor, DateOnly? start, DateOnly? end, string actor)
    {
        partnership.EnsureRunning();
        EnsureNotErased();
        if (start is not { } from)
        {
            throw new DomainException("Ange när praktiken börjar.", "Start");
        }

        if (end is { } to && to < from)
        {
            throw new DomainException("Praktiken slutar innan den börjar.", "End");
        }

        if (from < partnership.TermStart || from > partnership.TermEnd || end > partnership.TermEnd)
        {
            throw new DomainException($"Praktiken ska ligga inom avtalstiden ({Swedish.Date(partnership.TermStart)} – {Swedish.Date(partnership.TermEnd)}).", "Start");
        }

        if (!HasConsent || Consents[^1].GivenOn > from)
        {
            throw new DomainException("Deltagandet är frivilligt: registrera den unges samtycke innan praktiken börjar.", "Start");
        }

        CheckAge(partnership, BirthDate!.Value, from, "Start");
        var last = end ?? partnership.TermEnd;
        if (Placements.FirstOrDefault(p => p.Start <= last && (p.End ?? partnership.TermEnd) >= from) is { } other)
        {
            throw new DomainException($"Praktiken överlappar en annan praktik för samma deltagare ({other.Workplace}, från {Swedish.Date(other.Start)}).", "Start");
        }

        var placement = new Placement(Guid.CreateVersion7(),
            Texts.Required(workplace, "Ange var praktiken görs.", "Workplace", 200),
            Texts.Required(supervisor, "Ange handledaren.", "Supervisor", 200),
            from, end, actor);
        Placements = [.. Placements, placement];
        return placement;
    }

    /// <summary>Ends an open placement on a day.</summary>
    public void EndPlacement(Guid placementId, DateOnly? on, DateOnly today)
    {
        EnsureNotErased();
        var placement = Placements.FirstOrDefault(p => p.Id == placementId) ?? throw new DomainException("Praktiken finns inte.", "PlacementId");
        if (on is not { } day || day < placement.Start || day > today.AddDays(366) || (placement.End is { } end && day > end))
        {
            throw new DomainException("Ange ett slutdatum mellan praktikens start och dess planerade slut.", "End");
        }

        Placements = Placements.Select(p => p.Id == placementId ? p with { End = day } : p).ToList();
    }

    private void EnsureNotErased()
    {
        if (ErasedOn is { } day)
        {
            throw new DomainException($"Samtycket återkallades {Swedish.Date(day)} och uppgifterna är raderade.") { IsConflict = true };
        }
    }

    private static void CheckAge(Partnership partnership, DateOnly birth, DateOnly on, string field)
    {
        var age = AgeOn(birth, on);
        if ((partnership.AgeFrom is { } min && age < min) || (partnership.AgeTo is { } max && age > max))
        {
            throw new DomainException(
                $"Den unge är {age} år {Swedish.Date(on)}; målgruppen är {partnership.AgeFrom}–{partnership.AgeTo} år.", field);
        }
    }
}

/// <summary>
/// A temporary day note (daganteckning) the organisation writes about a participant. The lasting
/// record is kept by the municipality in its own case system; these are deleted after the
/// municipality's retention period.
/// </summary>
public sealed class DayNote : Entity, IMunicipalityOwned, IAudited, IPersonalData
{
    private DayNote() { }

    public Guid PartnershipId { get; private set; }
    public Guid ParticipantId { get; private set; }
    public Guid MunicipalityId { get; private set; }
    public DateOnly Date { get; private set; }
    public string Text { get; private set; } = "";
    public string WrittenBy { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }

    public static DayNote Write(Participant participant, DateOnly? date, string? text, string actor, DateOnly today, DateTimeOffset at)
    {
        if (!participant.HasConsent)
        {
            throw new DomainException("Daganteckningar förs bara om deltagare med gällande samtycke.", "Text");
        }

        if (date is not { } day || day > today || day < participant.ReferredOn)
        {
            throw new DomainException("Ange dagen anteckningen gäller (från remitteringen, inte i framtiden).", "Date");
        }

        return new DayNote
        {
            PartnershipId = participant.PartnershipId,
            ParticipantId = participant.Id,
            MunicipalityId = participant.MunicipalityId,
            Date = day,
            Text = Texts.Required(text, "Skriv anteckningen.", "Text", 4000),
            WrittenBy = actor,
            WrittenAt = at,
        };
    }

    /// <summary>The last day a note about <paramref name="day"/> is kept: the retention period counted from that day.</summary>
    public static DateOnly KeptUntil(DateOnly day, int retentionMonths) => day.AddMonths(retentionMonths);

    /// <summary>The first note date still kept on <paramref name="today"/>: notes about earlier days are deleted.</summary>
    public static DateOnly OldestKept(DateOnly today, int retentionMonths) => today.AddMonths(-retentionMonths);
}
