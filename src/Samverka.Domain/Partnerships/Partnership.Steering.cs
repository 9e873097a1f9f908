using Samverka.Domain.Agreements;
using Samverka.Domain.Common;
using Samverka.Domain.Deadlines;
using Samverka.Domain.Formatting;
using Samverka.Domain.Guidelines;

namespace Samverka.Domain.Partnerships;

public enum MeetingKind
{
    Ordinary = 1,
    Extra = 2,
}

/// <summary>An objection to a proposed decision: who objected and why. One objection blocks the decision.</summary>
public sealed record Objection(string Member, string Reason);

/// <summary>A proposed decision of the steering group: taken only unanimously by the members present.</summary>
public sealed record SteeringDecision(string Text, bool Taken, IReadOnlyList<Objection> Objections);

/// <summary>A steering-group meeting: who was there, the minutes, and what was decided (or blocked).</summary>
public sealed record SteeringMeeting(
    Guid Id, DateOnly Date, MeetingKind Kind, string? Agenda, IReadOnlyList<string> Present, string? Minutes,
    IReadOnlyList<SteeringDecision> Decisions, string RecordedBy, DateTimeOffset RecordedAt, IReadOnlyList<AttachedFile>? Attachments = null) : IPartnershipRecord
{
    public Guid Version { get; set; }
}

/// <summary>A file attached to a meeting (signed minutes, a handout): stored by id, checked by content, its SHA-256 kept.</summary>
public sealed record AttachedFile(Guid Id, string FileName, Organisations.FileFormat Format, string Sha256, DateOnly AttachedOn, string AttachedBy);

/// <summary>A proposal put to the meeting, with any objections raised.</summary>
public sealed record ProposedDecision(string? Text, IReadOnlyList<Objection>? Objections);

/// <summary>A change of the steering group: who joined or left, for which party, from when, and why.</summary>
public sealed record SteeringChange(DateOnly On, string Member, Guid PartyId, bool Joined, string? Reason, string By);

public sealed partial class Partnership
{
    /// <summary>Ordinary meetings monthly through the term, on the day of the month the term starts (the last day where a month is shorter), moved to the next working day of the month (or the one before) when that day is a weekend, a public holiday or a closed eve.</summary>
    public IReadOnlyList<DateOnly> MeetingSchedule()
    {
        var dates = new List<DateOnly>();
        for (var month = new DateOnly(TermStart.Year, TermStart.Month, 1); month <= TermEnd; month = month.AddMonths(1))
        {
            var planned = new DateOnly(month.Year, month.Month, Math.Min(TermStart.Day, DateTime.DaysInMonth(month.Year, month.Month)));
            var day = WorkingDays.MeetingDay(planned); // never on a weekend, a public holiday or a closed eve
            if (day < TermStart && planned >= TermStart)
            {
                day = WorkingDays.OnOrAfter(planned);
            }

            if (day >= TermStart && day <= TermEnd)
            {
                dates.Add(day);
            }
        }

        return dates;
    }

    /// <summary>
    /// Records a held meeting. A decision is taken only when every member present agrees and at
    /// least one member of each party is present; a member's objection blocks it and is recorded.
    /// </summary>
    public SteeringMeeting RecordMeeting(DateOnly? date, MeetingKind kind, string? agenda, IReadOnlyCollection<string> present, string? minutes,
        IReadOnlyList<ProposedDecision> proposals, string actor, DateTimeOffset at)
    {
        EnsureRunning();
        Texts.AtMost(present.Count, 60, "Present", "närvarande");
        Texts.AtMost(proposals.Count, 50, "Decisions", "förslag till beslut per möte");
        for (var i = 0; i < proposals.Count; i++)
        {
            Texts.AtMost(proposals[i].Objections?.Count ?? 0, 60, $"Decisions[{i}].Objections", "invändningar");
        }

        if (date is not { } day)
        {
            throw new DomainException("Ange mötets datum.", "Date");
        }

        if (day < TermStart || day > TermEnd)
        {
            throw new DomainException($"Mötet ska ligga inom avtalstiden ({Swedish.Date(TermStart)} – {Swedish.Date(TermEnd)}).", "Date");
        }

        if (day > Swedish.DayOf(at))
        {
            throw new DomainException("Ett möte som inte har hållits än kan inte registreras.", "Date");
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Välj ordinarie eller extra möte.", "Kind");
        }

        var members = SteeringGroup.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var attending = present.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct().ToList();
        if (attending.FirstOrDefault(p => !members.Contains(p)) is { } stranger)
        {
            throw new DomainException($"{stranger} är inte ledamot i styrgruppen.", "Present");
        }

        if (attending.Count == 0)
        {
            throw new DomainException("Markera vilka ledamöter som var närvarande.", "Present");
        }

        var everyParty = Parties.All(p => SteeringGroup.Any(m => m.PartyId == p.Id && attending.Contains(m.Name)) || SteeringGroup.All(m => m.PartyId != p.Id));
        var decisions = new List<SteeringDecision>();
        for (var i = 0; i < proposals.Count; i++)
        {
            var proposal = proposals[i];
            if (string.IsNullOrWhiteSpace(proposal.Text))
            {
                continue;
            }

            var objections = (proposal.Objections ?? []).Where(o => !string.IsNullOrWhiteSpace(o.Member)).ToList();
            if (objections.FirstOrDefault(o => !attending.Contains(o.Member)) is { } absent)
            {
                throw new DomainException($"{absent.Member} var inte närvarande och kan inte reservera sig.", $"Decisions[{i}].Objection");
            }

            if (objections.FirstOrDefault(o => string.IsNullOrWhiteSpace(o.Reason)) is { } silent)
            {
                throw new DomainException($"Ange skälet till {silent.Member}s invändning.", $"Decisions[{i}].Reason");
            }

            if (objections.Count == 0 && !everyParty)
            {
                throw new DomainException("Beslut kräver att minst en ledamot från varje part är närvarande. Bordlägg frågan eller kalla till nytt möte.", $"Decisions[{i}].Text");
            }

            decisions.Add(new(proposal.Text.Trim(), objections.Count == 0, objections.Select(o => o with { Reason = o.Reason.Trim() }).ToList()));
        }

        var meeting = new SteeringMeeting(Guid.CreateVersion7(), day, kind, Texts.Optional(agenda, "Agenda", 2000), attending, Texts.Optional(minutes, "Minutes", 20_000), decisions, actor, at);
        Meetings = [.. Meetings, meeting];
        return meeting;
    }

    /// <summary>Attaches a file to a recorded meeting; at most ten per meeting.</summary>
    public void AttachToMeeting(Guid meetingId, AttachedFile file)
    {
        EnsureRunning();
        var meeting = Meetings.FirstOrDefault(m => m.Id == meetingId) ?? throw new DomainException("Välj ett registrerat möte.", "MeetingId");
        if ((meeting.Attachments?.Count ?? 0) >= 10)
        {
            throw new DomainException("Högst tio bilagor per möte.", "File");
        }

        Meetings = Meetings.Select(m => m.Id == meetingId ? m with { Attachments = [.. m.Attachments ?? [], file] } : m).ToList();
    }

    public IReadOnlyList<SteeringChange> SteeringChanges { get; private set; } = [];

    /// <summary>
    /// A new member of the steering group for a party, from a date. Earlier meetings keep the group
    /// they had; the change is kept with who made it.
    /// </summary>
    public void AddSteeringMember(Guid partyId, string? name, string? role, DateOnly? on, string actor, DateOnly today)
    {
        EnsureRunning();
        var party = Parties.FirstOrDefault(p => p.Id == partyId) ?? throw new DomainException("Välj vilken part ledamoten företräder.", "PartyId");
        var clean = Texts.Required(name, "Ange ledamotens namn.", "Name", 200);
        var day = ChangeDay(on, today);
        if (SteeringGroup.Any(m => string.Equals(m.Name, clean, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"{clean} sitter redan i styrgruppen.", "Name");
        }

        SteeringGroup = [.. SteeringGroup, new SteeringMember(party.Id, clean, Texts.Optional(role, "Role", 200))];
        SteeringChanges = [.. SteeringChanges, new SteeringChange(day, clean, party.Id, true, null, actor)];
    }

    /// <summary>A member leaves the steering group. Each party keeps at least one member, or no decision could be taken.</summary>
    public void RemoveSteeringMember(string? name, string? reason, DateOnly? on, string actor, DateOnly today)
    {
        EnsureRunning();
        var member = SteeringGroup.FirstOrDefault(m => m.Name == name) ?? throw new DomainException("Välj en ledamot i styrgruppen.", "Name");
        var day = ChangeDay(on, today);
        if (SteeringGroup.Count(m => m.PartyId == member.PartyId) == 1)
        {
            var party = Parties.First(p => p.Id == member.PartyId).Name;
            throw new DomainException($"{member.Name} är den enda ledamoten för {party}. Lägg till en ny ledamot först: varje part ska kunna vara med när styrgruppen beslutar.", "Name");
        }

        SteeringGroup = SteeringGroup.Where(m => m != member).ToList();
        SteeringChanges = [.. SteeringChanges, new SteeringChange(day, member.Name, member.PartyId, false, Texts.Optional(reason, "Reason", 500), actor)];
    }

    private DateOnly ChangeDay(DateOnly? on, DateOnly today)
    {
        if (on is not { } day || day < TermStart || day > TermEnd || day > today.AddDays(90))
        {
            throw new DomainException($"Ange från när ändringen gäller (inom avtalstiden, {Swedish.Date(TermStart)} – {Swedish.Date(TermEnd)}).", "On");
        }

        return day;
    }
}
