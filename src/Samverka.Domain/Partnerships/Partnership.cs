using Samverka.Domain.Agreements;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Guidelines;

namespace Samverka.Domain.Partnerships;

public static class PartnershipTexts
{
    public static string Swedish(this MeetingKind kind) => kind == MeetingKind.Extra ? "Extra möte" : "Ordinarie möte";

    public static string Swedish(this Assessment assessment) => assessment == Assessment.Approved ? "Godkänd" : "Behöver kompletteras";

    public static string Swedish(this StatementKind kind) => kind == StatementKind.IncomeStatement ? "Resultaträkning" : "Balansräkning";
}

public enum EndKind
{
    /// <summary>The term ran out and the partnership was closed after its last follow-up and payments.</summary>
    Closed = 1,

    /// <summary>Terminated (hävning) for breach of the agreement.</summary>
    Terminated = 2,

    /// <summary>A party left after a renegotiation.</summary>
    Left = 3,
}

/// <summary>How and when the partnership ended, and why.</summary>
public sealed record Ending(EndKind Kind, DateOnly On, string Reason, string By);

public static class EndingTexts
{
    /// <summary>The partnership's state in a list: "Pågår", or how and when it ended.</summary>
    public static string State(this Ending? ended) => ended switch
    {
        null => "Pågår",
        { Kind: EndKind.Terminated } => $"Hävt {Formatting.Swedish.Date(ended.On)}",
        { Kind: EndKind.Left } => $"Upphört {Formatting.Swedish.Date(ended.On)}",
        _ => $"Avslutat {Formatting.Swedish.Date(ended.On)}",
    };
}

/// <summary>
/// A running partnership: what a signed agreement becomes. Its steering group meets (monthly
/// unless decided otherwise) and decides only unanimously with every party present; the
/// municipality pays on a schedule, where the guidelines say so only after the previous year's
/// follow-up is approved; the organisation reports yearly.
/// </summary>
public sealed partial class Partnership : Entity, IMunicipalityOwned, IVersioned, IAudited
{
    private Partnership() { }

    public Guid AgreementId { get; private set; }
    public Guid MunicipalityId { get; private set; }
    public IReadOnlyList<Guid> MunicipalityIds { get; private set; } = [];
    public IReadOnlyList<Guid> OrganisationIds { get; private set; } = [];
    public string Title { get; private set; } = "";

    /// <summary>Lower-cased title, parties and organisation numbers, for finding a partnership (also an ended one) by any of them.</summary>
    public string SearchText { get; private set; } = "";
    public DateOnly TermStart { get; private set; }
    public DateOnly TermEnd { get; private set; }
    public IReadOnlyList<AgreementParty> Parties { get; private set; } = [];
    public IReadOnlyList<SteeringMember> SteeringGroup { get; private set; } = [];
    public IReadOnlyList<SteeringMeeting> Meetings { get; private set; } = [];
    public IReadOnlyList<Payment> Payments { get; private set; } = [];
    public IReadOnlyList<YearlyFollowUp> FollowUps { get; private set; } = [];
    public IReadOnlyList<FollowedLine> BudgetLines { get; private set; } = [];
    public IReadOnlyList<UsageReport> Usage { get; private set; } = [];
    public IReadOnlyList<RepaymentClaim> Claims { get; private set; } = [];
    public IReadOnlyList<Surplus> Surpluses { get; private set; } = [];
    public IReadOnlyList<CoordinationMeeting> Coordination { get; private set; } = [];
    public IReadOnlyList<TripartiteReview> Reviews { get; private set; } = [];
    public IReadOnlyList<QuarterlyReport> Quarterly { get; private set; } = [];

    /// <summary>The target group's ages from the agreement (Söråker: 14–25), checked for participants.</summary>
    public int? AgeFrom { get; private set; }
    public int? AgeTo { get; private set; }

    /// <summary>The statistics the agreement names (e.g. unika besökare, nätter vandrade), summed from the activity log for the yearly follow-up.</summary>
    public IReadOnlyList<string> KeyFigureNames { get; private set; } = [];

    public IReadOnlyList<ActivityEntry> Activities { get; private set; } = [];

    /// <summary>Night walks: the agreed rate per association and night walked, and the nights.</summary>
    public decimal? NightWalkRate { get; private set; }
    public IReadOnlyList<NightWalk> NightWalks { get; private set; } = [];

    /// <summary>Set when the partnership has ended; it is then read-only (a terminated one still settles repayment).</summary>
    public Ending? Ended { get; private set; }

    /// <summary>A payment waits for the previous year's approved follow-up (Stenungsund).</summary>
    public bool FollowUpGatesPayment { get; private set; }

    /// <summary>When the renewal dialogue should start and the latest renewal, from the guidelines (Stenungsund: 9 and 3 months before the end).</summary>
    public DateOnly? RenewalDialogueStarts { get; private set; }
    public DateOnly? RenewLatest { get; private set; }

    /// <summary>The month the agreement says the parties decide on extending it (Söråker: 2018-11), if it says.</summary>
    public DateOnly? ExtensionDecidedIn { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The day the last party signed: the partnership's obligations run from then (a transcribed agreement may have been signed long before it was entered).</summary>
    public DateOnly? SignedOn { get; private set; }
    public Guid Version { get; set; }

    /// <summary>
    /// Starts the partnership of a signed agreement. Each year of the term the municipality pays its
    /// operating grant (the budget's municipal money lines of that kind) at the guideline's interval
    /// (yearly by default), each instalment due at the start of its period or of the term.
    /// </summary>
    public static Partnership Start(Agreement agreement, DateTimeOffset at)
    {
        if (agreement.State != AgreementState.Signed)
        {
            throw new DomainException("Partnerskapet startar när överenskommelsen är undertecknad av alla parter.");
        }

        var content = agreement.Content;
        var municipal = content.Parties.Where(p => p.Kind == PartyKind.Municipality).Select(p => p.Id).ToHashSet();
        var (start, end) = (content.TermStart!.Value, content.TermEnd!.Value);
        var gated = agreement.Rules.FollowUpGatesPayment;
        var interval = Enum.IsDefined(agreement.Rules.PaymentInterval) ? agreement.Rules.PaymentInterval : Interval.Yearly;
        var payments = Enumerable.Range(start.Year, end.Year - start.Year + 1)
            .SelectMany(year => Instalments(year, content.Budget.Where(l => l.Year == year && municipal.Contains(l.PartyId) && !l.InKind && l.Category == BudgetCategory.OperatingGrant).Sum(l => l.Amount),
                interval, start, end, gated && year > start.Year ? year - 1 : null, notBefore: null))
            .ToList();
        var (dialogue, latest) = agreement.RenewalDates();
        return new Partnership
        {
            RenewalDialogueStarts = dialogue,
            RenewLatest = latest,
            ExtensionDecidedIn = content.Facts.ExtensionDecidedIn,
            AgreementId = agreement.Id,
            MunicipalityId = agreement.MunicipalityId,
            MunicipalityIds = agreement.MunicipalityIds,
            OrganisationIds = agreement.OrganisationIds,
            Title = content.Title,
            SearchText = string.Join(" ", [content.Title, .. content.Parties.Select(x => x.Name), .. content.Parties.Select(x => x.OrgNumber).OfType<string>()]).ToLowerInvariant(),
            TermStart = start,
            TermEnd = end,
            Parties = content.Parties,
            SteeringGroup = content.SteeringGroup,
            Payments = payments,
            BudgetLines = content.Budget.Select(l => new FollowedLine(l.Id, l.PartyId, l.Year, l.Label, l.Amount)).ToList(),
            FollowUpGatesPayment = gated,
            PaymentInterval = interval,
            AgeFrom = content.Facts.AgeFrom,
            AgeTo = content.Facts.AgeTo,
            KeyFigureNames = content.Facts.KeyFigures ?? [],
            StartedAt = at,
            SignedOn = agreement.SignedOn,
        };
    }

    /// <summary>
    /// Termination (hävning) for breach, with the reason and the date. Payments not yet made that
    /// fall due after that date are cancelled; repayment can still be claimed and settled.
    /// </summary>
    public void Terminate(DateOnly? on, string? reason, string actor, DateOnly today)
    {
        EnsureRunning();
        if (on is not { } day || day > today || day < TermStart)
        {
            throw new DomainException("Ange dagen för hävningen (inom avtalstiden, inte i framtiden).", "On");
        }

        var why = Texts.Required(reason, "Ange skälet till hävningen: vilket villkor har brutits?", "Reason", 4000);
        Payments = Payments.Select(p => p.PaidOn is null && p.DueOn > day ? p with { Cancelled = true } : p).ToList();
        Ended = new(EndKind.Terminated, day, why, actor);
    }

    /// <summary>Closes a partnership whose term has run out, once every payment is made or cancelled and every follow-up approved.</summary>
    public void Close(string? note, string actor, DateOnly today)
    {
        EnsureRunning();
        if (today <= TermEnd)
        {
            throw new DomainException($"Avtalstiden löper till {Swedish.Date(TermEnd)}. Häv överenskommelsen om den ska upphöra tidigare.", "On");
        }

        var missing = Enumerable.Range(TermStart.Year, TermEnd.Year - TermStart.Year + 1).Where(y => FollowUps.FirstOrDefault(f => f.Year == y)?.Assessment != Assessment.Approved).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException("Godkänn först årsuppföljningen för " + string.Join(", ", missing) + ".");
        }

        if (Payments.Any(p => p.PaidOn is null && !p.Cancelled))
        {
            throw new DomainException("Alla utbetalningar är inte gjorda.");
        }

        Ended = new(EndKind.Closed, today, Texts.Optional(note, "Note", 2000) ?? "Avtalstiden har löpt ut.", actor);
    }

    internal void EnsureRunning()
    {
        if (Ended is { } e)
        {
            throw new DomainException($"Partnerskapet är {(e.Kind == EndKind.Terminated ? "hävt" : "avslutat")} sedan {Swedish.Date(e.On)} och kan inte ändras.") { IsConflict = true };
        }
    }

    private void EnsureNotClosed()
    {
        if (Ended is { Kind: EndKind.Closed } e)
        {
            throw new DomainException($"Partnerskapet är avslutat sedan {Swedish.Date(e.On)} och kan inte ändras.") { IsConflict = true };
        }
    }
}
