using Samverka.Domain.Agreements;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;

namespace Samverka.Domain.Partnerships;

public enum RenegotiationOutcome
{
    /// <summary>The parties agreed an amendment (tillägg), decided and signed.</summary>
    Amended = 1,

    /// <summary>A party decided to leave the partnership.</summary>
    Left = 2,
}

/// <summary>An entry of a renegotiation's dialogue: when, who took part, what was said.</summary>
public sealed record RenegotiationNote(DateOnly Date, string Participants, string Text, string By);

/// <summary>
/// A renegotiation after a significant deviation from plan or budget: a logged dialogue that ends
/// in an amendment (a new agreement version, decided and signed) or in a decision to leave.
/// </summary>
public sealed record Renegotiation(
    Guid Id, DateOnly OpenedOn, string Deviation, string OpenedBy, IReadOnlyList<RenegotiationNote> Notes,
    Guid? AmendmentId = null, RenegotiationOutcome? Outcome = null, DateOnly? ClosedOn = null, string? Conclusion = null)
{
    public bool Open => Outcome is null;
}

/// <summary>That a party declined to extend the agreement (no reason needed), and when.</summary>
public sealed record ExtensionDeclined(string Party, DateOnly On, string RecordedBy);

/// <summary>A signed amendment applied to the running partnership.</summary>
public sealed record AppliedAmendment(Guid AgreementId, int Number, DateOnly AppliedOn);

public sealed partial class Partnership
{
    public IReadOnlyList<Renegotiation> Renegotiations { get; private set; } = [];
    public IReadOnlyList<AppliedAmendment> Amendments { get; private set; } = [];
    public ExtensionDeclined? Declined { get; private set; }

    /// <summary>The case that renews this partnership, once opened.</summary>
    public Guid? RenewalCaseId { get; private set; }

    public Renegotiation? OpenRenegotiation => Renegotiations.FirstOrDefault(r => r.Open);

    /// <summary>Opens a renegotiation: what deviates from plan or budget. One at a time.</summary>
    public Renegotiation StartRenegotiation(string? deviation, string actor, DateOnly today)
    {
        EnsureRunning();
        if (OpenRenegotiation is { } open)
        {
            throw new DomainException($"En omförhandling pågår redan sedan {Swedish.Date(open.OpenedOn)}.", "Deviation") { IsConflict = true };
        }

        var r = new Renegotiation(Guid.CreateVersion7(), today,
            Texts.Required(deviation, "Beskriv den väsentliga avvikelsen från plan eller budget.", "Deviation", 4000), actor, []);
        Renegotiations = [.. Renegotiations, r];
        return r;
    }

    /// <summary>A dialogue meeting of the open renegotiation.</summary>
    public void LogRenegotiation(DateOnly? date, string? participants, string? text, string actor, DateOnly today)
    {
        EnsureRunning();
        var r = OpenRenegotiation ?? throw new DomainException("Ingen omförhandling pågår.", "Text");
        if (date is not { } day || day > today || day < r.OpenedOn)
        {
            throw new DomainException("Ange dagen för samtalet (från omförhandlingens start, inte i framtiden).", "Date");
        }

        var note = new RenegotiationNote(day,
            Texts.Required(participants, "Ange vilka som deltog från parterna.", "Participants", 1000),
            Texts.Required(text, "Skriv vad parterna kom fram till.", "Text", 4000), actor);
        Replace(r, r with { Notes = [.. r.Notes, note] });
    }

    /// <summary>The open renegotiation leads to an amendment being drafted; it ends when that amendment is signed.</summary>
    public void LinkAmendment(Guid amendmentId)
    {
        EnsureRunning();
        var r = OpenRenegotiation ?? throw new DomainException("Ingen omförhandling pågår.");
        Replace(r, r with { AmendmentId = amendmentId });
    }

    /// <summary>
    /// A signed amendment takes effect: the term, the budget followed up, the target group's ages
    /// and key figures, and the steering group (changes recorded) are the amendment's; what has not
    /// been paid of each year's grant is rescheduled over the periods still to come; what was paid
    /// stays. The renegotiation it came from ends as amended.
    /// </summary>
    public void ApplyAmendment(Agreement amendment, string actor, DateOnly today)
    {
        EnsureRunning();
        if (amendment.AmendsId is null || amendment.State != AgreementState.Signed)
        {
            throw new DomainException("Bara ett undertecknat tillägg kan ändra partnerskapet.") { IsConflict = true };
        }

        var content = amendment.Content;
        var municipal = content.Parties.Where(p => p.Kind == PartyKind.Municipality).Select(p => p.Id).ToHashSet();
        TermEnd = content.TermEnd ?? TermEnd;
        BudgetLines = content.Budget.Select(l => new FollowedLine(l.Id, l.PartyId, l.Year, l.Label, l.Amount)).ToList();
        (AgeFrom, AgeTo, KeyFigureNames) = (content.Facts.AgeFrom, content.Facts.AgeTo, content.Facts.KeyFigures ?? []);
        (RenewalDialogueStarts, RenewLatest) = amendment.RenewalDates();
        ExtensionDecidedIn = content.Facts.ExtensionDecidedIn;

        foreach (var left in SteeringGroup.Where(m => content.SteeringGroup.All(n => n.Name != m.Name)))
        {
            SteeringChanges = [.. SteeringChanges, new SteeringChange(today, left.Name, left.PartyId, false, $"Tillägg {amendment.AmendmentNumber}", actor)];
        }

        foreach (var joined in content.SteeringGroup.Where(n => SteeringGroup.All(m => m.Name != n.Name)))
        {
            SteeringChanges = [.. SteeringChanges, new SteeringChange(today, joined.Name, joined.PartyId, true, $"Tillägg {amendment.AmendmentNumber}", actor)];
        }

        SteeringGroup = content.SteeringGroup;
        var kept = Payments.Where(p => p.PaidOn is not null || p.Cancelled).ToList();
        var from = today > TermStart ? today : TermStart;
        for (var year = TermStart.Year; year <= TermEnd.Year; year++)
        {
            var grant = content.Budget.Where(l => l.Year == year && municipal.Contains(l.PartyId) && !l.InKind && l.Category == BudgetCategory.OperatingGrant).Sum(l => l.Amount);
            var remaining = grant - kept.Where(p => p.Year == year && p.PaidOn is not null).Sum(p => p.Amount);
            var awaits = FollowUpGatesPayment && year > TermStart.Year ? year - 1 : (int?)null;
            kept.AddRange(Instalments(year, remaining, PaymentInterval, TermStart, TermEnd, awaits, year <= from.Year ? from : null));
        }

        Payments = kept.OrderBy(p => p.DueOn).ToList();
        Amendments = [.. Amendments, new AppliedAmendment(amendment.Id, amendment.AmendmentNumber, today)];
        if (Renegotiations.FirstOrDefault(r => r.Open && r.AmendmentId == amendment.Id) is { } renegotiation)
        {
            Replace(renegotiation, renegotiation with
            {
                Outcome = RenegotiationOutcome.Amended, ClosedOn = today, Conclusion = $"Tillägg {amendment.AmendmentNumber} undertecknat och gäller från {Swedish.Date(today)}.",
            });
        }
    }

    /// <summary>
    /// The renegotiation ends in a decision to leave: the partnership ends on that day, payments
    /// falling due later are cancelled, and it becomes read-only.
    /// </summary>
    public void Leave(DateOnly? on, string? decision, string actor, DateOnly today)
    {
        EnsureRunning();
        var r = OpenRenegotiation ?? throw new DomainException("Ett beslut att lämna partnerskapet fattas i en omförhandling; inled den först.", "On");
        if (on is not { } day || day < r.OpenedOn || day > TermEnd || day > today.AddDays(366))
        {
            throw new DomainException($"Ange när partnerskapet upphör (från omförhandlingens start, senast {Swedish.Date(TermEnd)}).", "On");
        }

        var why = Texts.Required(decision, "Ange beslutet att lämna, till exempel nämnd, datum och paragraf eller styrelsens beslut.", "Decision", 2000);
        Replace(r, r with { Outcome = RenegotiationOutcome.Left, ClosedOn = today, Conclusion = why });
        Payments = Payments.Select(p => p.PaidOn is null && p.DueOn > day ? p with { Cancelled = true } : p).ToList();
        Ended = new(EndKind.Left, day, why, actor);
    }

    /// <summary>A party declines to extend the agreement: no reason is needed. The partnership runs to the end of its term.</summary>
    public void DeclineExtension(Guid? partyId, DateOnly? on, string actor, DateOnly today)
    {
        EnsureRunning();
        var party = Parties.FirstOrDefault(p => p.Id == partyId) ?? throw new DomainException("Välj vilken part som avböjer förlängning.", "PartyId");
        if (RenewalCaseId is not null)
        {
            throw new DomainException("Ett ärende om en ny överenskommelse är redan öppnat.", "PartyId") { IsConflict = true };
        }

        if (on is not { } day || day > today || day > TermEnd)
        {
            throw new DomainException("Ange när parten avböjde (inte i framtiden, inom avtalstiden).", "On");
        }

        Declined = new ExtensionDeclined(party.Name, day, actor);
    }

    /// <summary>Records that a renewal case was opened with this partnership's agreement as the draft of the next.</summary>
    public void MarkRenewed(Guid caseId)
    {
        EnsureRunning();
        if (Declined is { } declined)
        {
            throw new DomainException($"{declined.Party} avböjde förlängning {Swedish.Date(declined.On)}.") { IsConflict = true };
        }

        if (RenewalCaseId is not null)
        {
            throw new DomainException("Ett ärende om en ny överenskommelse är redan öppnat.") { IsConflict = true };
        }

        RenewalCaseId = caseId;
    }

    /// <summary>The next term: from the day after this one ends, as long as this one, at most the guideline's longest term.</summary>
    public (DateOnly Start, DateOnly End) NextTerm(int maxYears)
    {
        var start = TermEnd.AddDays(1);
        var years = Math.Min(TermEnd.Year - TermStart.Year + 1, maxYears);
        return (start, start.AddYears(years).AddDays(-1));
    }

    private void Replace(Renegotiation old, Renegotiation updated) =>
        Renegotiations = Renegotiations.Select(r => r.Id == old.Id ? updated : r).ToList();
}
