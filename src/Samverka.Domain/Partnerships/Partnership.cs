using Samverka.Domain.Agreements;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Guidelines;

namespace Samverka.Domain.Partnerships;

public enum MeetingKind
{
    Ordinary = 1,
    Extra = 2,
}

public enum Assessment
{
    Approved = 1,
    NeedsCompletion = 2,
}

public static class PartnershipTexts
{
    public static string Swedish(this MeetingKind kind) => kind == MeetingKind.Extra ? "Extra möte" : "Ordinarie möte";

    public static string Swedish(this Assessment assessment) => assessment == Assessment.Approved ? "Godkänd" : "Behöver kompletteras";

    public static string Swedish(this StatementKind kind) => kind == StatementKind.IncomeStatement ? "Resultaträkning" : "Balansräkning";
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

/// <summary>The organisation's yearly report and the official's assessment of it.</summary>
public sealed record YearlyFollowUp(
    int Year, string Description, IReadOnlyDictionary<string, decimal> KeyFigures, DateOnly SubmittedOn, string SubmittedBy,
    Assessment? Assessment = null, string? AssessmentReason = null, string? AssessedBy = null, DateOnly? AssessedOn = null,
    Finances? Finances = null, IReadOnlyList<StatementFile>? Statements = null) : IPartnershipRecord
{
    /// <summary>Kept when the report is handed in again: one report per year, changed in place.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid Version { get; set; }

    public bool HasStatement(StatementKind kind) => Statements?.Any(s => s.Kind == kind) == true;
}

/// <summary>The financial statements a yearly report carries.</summary>
public enum StatementKind
{
    IncomeStatement = 1,
    BalanceSheet = 2,
}

/// <summary>The key figures of the organisation's income statement and balance sheet for the year, as entered; the result is computed.</summary>
public sealed record Finances(decimal Revenue, decimal Expenses, decimal Assets, decimal Equity)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal Result => Revenue - Expenses;
}

/// <summary>An uploaded statement: its kind, the file (stored by id, checked by content) and its SHA-256.</summary>
public sealed record StatementFile(Guid Id, StatementKind Kind, string FileName, Organisations.FileFormat Format, string Sha256, DateOnly UploadedOn, string UploadedBy);

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

/// <summary>A coordination meeting (samverkansmöte) when the municipality refers a person or something is unclear.</summary>
public sealed record CoordinationMeeting(Guid Id, DateOnly Date, string ReferringUnit, string Participants, string Outcome, string RecordedBy) : IPartnershipRecord
{
    public Guid Version { get; set; }
}

/// <summary>A tripartite review (trepartssamtal): what was done and the money used so far, as the parties record it.</summary>
public sealed record TripartiteReview(Guid Id, DateOnly Date, string Participants, string Activities, decimal FundsUsedSoFar, string RecordedBy) : IPartnershipRecord
{
    public Guid Version { get; set; }
}

/// <summary>The steering group's quarterly follow-up: drafted from the quarter's data, completed by hand, presented to the deciding committee and the organisation's board.</summary>
public sealed record QuarterlyReport(int Year, int Quarter, string Draft, string? Completion, DateOnly SavedOn, string SavedBy,
    DateOnly? PresentedToCommittee = null, DateOnly? PresentedToBoard = null) : IPartnershipRecord
{
    /// <summary>Kept when the quarter is saved again: one report per quarter, changed in place.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid Version { get; set; }
}

public enum RepaymentReason
{
    Misuse = 1,
    ChangedActivity = 2,
    StoppedActivity = 3,
}

public enum ClaimStatus
{
    Open = 1,
    Settled = 2,
}

public static class RepaymentTexts
{
    public static string Swedish(this RepaymentReason reason) => reason switch
    {
        RepaymentReason.Misuse => "Medlen har använts felaktigt eller inte för avsett ändamål",
        RepaymentReason.ChangedActivity => "Verksamheten har förändrats",
        _ => "Verksamheten har upphört",
    };

    public static string Swedish(this ClaimStatus status) => status == ClaimStatus.Open ? "Obetalt" : "Reglerat";
}

/// <summary>A line of the agreement's budget as the partnership follows it up (a copy taken when it started).</summary>
public sealed record FollowedLine(Guid Id, Guid PartyId, int Year, string Label, decimal Budgeted);

/// <summary>Funds used against budget lines over a period, as the organisation reports them.</summary>
public sealed record UsageReport(Guid Id, DateOnly From, DateOnly To, IReadOnlyDictionary<Guid, decimal> Used, string ReportedBy, DateOnly ReportedOn) : IPartnershipRecord
{
    public Guid Version { get; set; }
}

/// <summary>A claim to have money repaid (full or partial), why, and how it was settled.</summary>
public sealed record RepaymentClaim(
    Guid Id, decimal Amount, bool Full, RepaymentReason Reason, string Explanation, DateOnly ClaimedOn, string ClaimedBy,
    ClaimStatus Status = ClaimStatus.Open, DateOnly? SettledOn = null, decimal? SettledAmount = null, string? Reference = null) : IPartnershipRecord
{
    public Guid Version { get; set; }
}

/// <summary>A surplus of a year, carried to the same or a similar purpose as the agreement says.</summary>
public sealed record Surplus(int Year, decimal Amount, string Purpose, string RecordedBy, DateOnly RecordedOn) : IPartnershipRecord
{
    /// <summary>Kept when the year's surplus is recorded again: one per year, changed in place.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid Version { get; set; }
}

/// <summary>What a due item is about, so each role's dashboard picks its own.</summary>
public enum DueKind
{
    Meeting = 1,
    YearlyFollowUp = 2,
    QuarterlyFollowUp = 3,
    Payment = 4,
    Renewal = 5,
}

/// <summary>Something due in a partnership, for the dashboards: what, by when, and whether it is late.</summary>
public sealed record DueItem(DueKind Kind, string Text, DateOnly By, bool Overdue);

/// <summary>A payment of the schedule: when, how much, and the follow-up it waits for (if the guidelines say so).</summary>
public sealed record Payment(Guid Id, int Year, DateOnly DueOn, decimal Amount, int? AwaitsFollowUpOf, DateOnly? PaidOn = null, string? Reference = null, string? MarkedBy = null,
    bool Cancelled = false) : IPartnershipRecord
{
    public Guid Version { get; set; }
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

    /// <summary>Ordinary meetings monthly through the term, on the day of the month the term starts (the last day where a month is shorter).</summary>
    public IReadOnlyList<DateOnly> MeetingSchedule()
    {
        var dates = new List<DateOnly>();
        for (var month = new DateOnly(TermStart.Year, TermStart.Month, 1); month <= TermEnd; month = month.AddMonths(1))
        {
            var day = new DateOnly(month.Year, month.Month, Math.Min(TermStart.Day, DateTime.DaysInMonth(month.Year, month.Month)));
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
        if (date is not { } day)
        {
            throw new DomainException("Ange mötets datum.", "Date");
        }

        if (day < TermStart || day > TermEnd)
        {
            throw new DomainException($"Mötet ska ligga inom avtalstiden ({Swedish.Date(TermStart)} – {Swedish.Date(TermEnd)}).", "Date");
        }

        if (day > DateOnly.FromDateTime(at.UtcDateTime).AddDays(1))
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

    /// <summary>
    /// The organisation's yearly report: a description, the key figures the agreement defines and
    /// the year's income and balance figures. A report that needed completion may be handed in
    /// again; statements already attached stay with it.
    /// </summary>
    public void SubmitFollowUp(int year, string? description, IReadOnlyDictionary<string, decimal>? keyFigures, Finances? finances, string actor, DateOnly today)
    {
        EnsureRunning();
        if (year < TermStart.Year || year > TermEnd.Year)
        {
            throw new DomainException($"Året ska ligga inom avtalstiden ({TermStart.Year}–{TermEnd.Year}).", "Year");
        }

        if (FollowUps.FirstOrDefault(f => f.Year == year) is { Assessment: Assessment.Approved })
        {
            throw new DomainException($"Uppföljningen för {year} är redan godkänd.", "Year") { IsConflict = true };
        }

        var figures = keyFigures ?? new Dictionary<string, decimal>();
        if (figures.Any(f => string.IsNullOrWhiteSpace(f.Key) || f.Value < 0))
        {
            throw new DomainException("Nyckeltal har ett namn och ett värde som inte är negativt.", "KeyFigures");
        }

        if (finances is null)
        {
            throw new DomainException("Ange årets intäkter, kostnader, tillgångar och eget kapital ur resultat- och balansräkningen.", "Revenue");
        }

        if (finances.Revenue < 0 || finances.Expenses < 0 || finances.Assets < 0)
        {
            throw new DomainException("Intäkter, kostnader och tillgångar kan inte vara negativa.", finances.Revenue < 0 ? "Revenue" : finances.Expenses < 0 ? "Expenses" : "Assets");
        }

        if (finances.Equity > finances.Assets)
        {
            throw new DomainException("Det egna kapitalet kan inte vara större än tillgångarna.", "Equity");
        }

        var earlier = FollowUps.FirstOrDefault(f => f.Year == year);
        var report = new YearlyFollowUp(year, Texts.Required(description, "Beskriv årets verksamhet.", "Description", 20_000),
            figures, today, actor, Finances: finances, Statements: earlier?.Statements ?? []) { Id = earlier?.Id ?? Guid.CreateVersion7(), Version = earlier?.Version ?? Guid.Empty };
        FollowUps = [.. FollowUps.Where(f => f.Year != year), report];
    }

    /// <summary>Attaches the income statement or the balance sheet to a year's report (a new file replaces the earlier one of its kind) until it is approved.</summary>
    public void AttachStatement(int year, StatementKind kind, Guid fileId, string fileName, Organisations.FileFormat format, string sha256, string actor, DateOnly today)
    {
        EnsureRunning();
        var report = FollowUps.FirstOrDefault(f => f.Year == year) ?? throw new DomainException($"Lämna årsuppföljningen för {year} först.", "Year");
        if (report.Assessment == Assessment.Approved)
        {
            throw new DomainException($"Uppföljningen för {year} är redan godkänd.", "Year") { IsConflict = true };
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Välj resultaträkning eller balansräkning.", "Kind");
        }

        var file = new StatementFile(fileId, kind, fileName, format, sha256, today, actor);
        FollowUps = FollowUps.Select(f => f.Year == year ? f with { Statements = [.. (f.Statements ?? []).Where(s => s.Kind != kind), file] } : f).ToList();
    }

    /// <summary>The official's assessment: approved, or needs completion with the reason.</summary>
    public void AssessFollowUp(int year, Assessment? assessment, string? reason, string actor, DateOnly today)
    {
        EnsureRunning();
        if (FollowUps.All(f => f.Year != year))
        {
            throw new DomainException($"Ingen uppföljning för {year} är inlämnad.", "Year");
        }

        if (assessment is not { } a || !Enum.IsDefined(a))
        {
            throw new DomainException("Ange om uppföljningen godkänns eller behöver kompletteras.", "Assessment");
        }

        var why = Texts.Optional(reason, "Reason", 2000);
        if (a == Assessment.NeedsCompletion && why is null)
        {
            throw new DomainException("Ange vad som behöver kompletteras.", "Reason");
        }

        var report = FollowUps.First(f => f.Year == year);
        if (a == Assessment.Approved && (!report.HasStatement(StatementKind.IncomeStatement) || !report.HasStatement(StatementKind.BalanceSheet)))
        {
            throw new DomainException("Uppföljningen kan godkännas först när både resultaträkningen och balansräkningen är bifogade. Begär komplettering.", "Assessment");
        }

        FollowUps = FollowUps.Select(f => f.Year == year ? f with { Assessment = a, AssessmentReason = why, AssessedBy = actor, AssessedOn = today } : f).ToList();
    }

    /// <summary>The last day for a year's follow-up: three months after the year (or the term) ends.</summary>
    public DateOnly FollowUpDue(int year) => (year == TermEnd.Year ? TermEnd : new DateOnly(year, 12, 31)).AddMonths(3);

    /// <summary>Why a payment cannot be made yet, or null when it can.</summary>
    public string? Blocker(Payment payment) => BlockerOf(payment, FollowUps);

    /// <summary>The same, from the follow-ups alone (for lists that read only those columns).</summary>
    public static string? BlockerOf(Payment payment, IReadOnlyList<YearlyFollowUp> followUps) =>
        BlockerOf(payment.AwaitsFollowUpOf, payment.AwaitsFollowUpOf is { } year && followUps.FirstOrDefault(f => f.Year == year)?.Assessment == Assessment.Approved);

    /// <summary>The same, from the year a payment waits for and whether that year's follow-up is approved (for queries that select just that).</summary>
    public static string? BlockerOf(int? awaitsFollowUpOf, bool approved) =>
        awaitsFollowUpOf is { } year && !approved ? $"Väntar på godkänd uppföljning för {year}." : null;

    /// <summary>Marks a payment paid with its date and the finance system's reference; refused while it waits for an approved follow-up.</summary>
    public void MarkPaid(Guid paymentId, DateOnly? paidOn, string? reference, string actor, DateOnly today)
    {
        EnsureRunning();
        var payment = Payments.FirstOrDefault(p => p.Id == paymentId) ?? throw new DomainException("Utbetalningen finns inte.", "PaymentId");
        if (payment.PaidOn is not null || payment.Cancelled)
        {
            throw new DomainException(payment.Cancelled ? "Utbetalningen är inställd." : "Utbetalningen är redan gjord.", "PaymentId") { IsConflict = true };
        }

        if (Blocker(payment) is { } blocker)
        {
            throw new DomainException("Utbetalningen kan inte göras än. " + blocker, "PaymentId");
        }

        if (paidOn is not { } day || day > today)
        {
            throw new DomainException("Ange utbetalningsdagen (inte i framtiden).", "PaidOn");
        }

        var cleanReference = Texts.Required(reference, "Ange referensen i ekonomisystemet, till exempel verifikationsnumret.", "Reference", 100);
        Payments = Payments.Select(p => p.Id == paymentId ? p with { PaidOn = day, Reference = cleanReference, MarkedBy = actor } : p).ToList();
    }

    /// <summary>
    /// Funds used per budget line over a period inside the term. A period that spans years is
    /// refused (lines are per year); a line may not be reported twice for overlapping periods.
    /// </summary>
    public UsageReport ReportUsage(DateOnly? from, DateOnly? to, IReadOnlyDictionary<Guid, decimal> used, string actor, DateOnly today)
    {
        EnsureRunning();
        if (from is not { } start || to is not { } end)
        {
            throw new DomainException("Ange perioden, från och till.", from is null ? "From" : "To");
        }

        if (end < start)
        {
            throw new DomainException("Perioden slutar innan den börjar.", "To");
        }

        if (start < TermStart || end > TermEnd)
        {
            throw new DomainException($"Perioden ska ligga inom avtalstiden ({Swedish.Date(TermStart)} – {Swedish.Date(TermEnd)}).", "From");
        }

        if (start.Year != end.Year)
        {
            throw new DomainException("En redovisning gäller ett kalenderår; dela upp perioden.", "To");
        }

        if (start > today)
        {
            throw new DomainException("En period som inte har börjat kan inte redovisas.", "From");
        }

        var lines = used.Where(u => u.Value != 0).ToDictionary(u => u.Key, u => u.Value);
        if (lines.Count == 0)
        {
            throw new DomainException("Ange använda medel för minst en budgetrad.", "Used");
        }

        foreach (var (lineId, amount) in lines)
        {
            var line = BudgetLines.FirstOrDefault(l => l.Id == lineId) ?? throw new DomainException("Budgetraden finns inte i överenskommelsen.", "Used");
            if (line.Year != start.Year)
            {
                throw new DomainException($"Raden ”{line.Label}” gäller {line.Year}, inte {start.Year}.", "Used");
            }

            if (amount < 0)
            {
                throw new DomainException($"Använda medel för ”{line.Label}” kan inte vara negativa.", "Used");
            }

            if (Usage.Any(u => u.Used.ContainsKey(lineId) && u.From <= end && u.To >= start))
            {
                throw new DomainException($"”{line.Label}” är redan redovisad för en period som överlappar {Swedish.Date(start)} – {Swedish.Date(end)}.", "From");
            }
        }

        var report = new UsageReport(Guid.CreateVersion7(), start, end, lines, actor, today);
        Usage = [.. Usage, report];
        return report;
    }

    /// <summary>What has been used of each line so far.</summary>
    public decimal UsedOf(Guid lineId) => Usage.Sum(u => u.Used.TryGetValue(lineId, out var amount) ? amount : 0);

    public decimal PaidSoFar => Payments.Where(p => p.PaidOn is not null).Sum(p => p.Amount);

    /// <summary>
    /// A claim to repay money used wrongly or for an activity that changed or stopped. The claim
    /// cannot exceed what has been paid, less what is already claimed.
    /// </summary>
    public RepaymentClaim ClaimRepayment(decimal? amount, bool full, RepaymentReason? reason, string? explanation, string actor, DateOnly today)
    {
        EnsureNotClosed();
        if (reason is not { } why || !Enum.IsDefined(why))
        {
            throw new DomainException("Välj skälet till återbetalningskravet.", "Reason");
        }

        var open = PaidSoFar - Claims.Sum(c => c.Amount);
        var claimed = full ? open : amount ?? throw new DomainException("Ange belopp, eller välj hela beloppet.", "Amount");
        if (claimed <= 0 || claimed > open)
        {
            throw new DomainException($"Kravet kan vara högst vad som betalats ut och inte redan krävts åter: {Swedish.Kronor(Math.Max(0, open))}.", "Amount");
        }

        var claim = new RepaymentClaim(Guid.CreateVersion7(), decimal.Round(claimed, 2), full, why,
            Texts.Required(explanation, "Beskriv varför medlen krävs åter.", "Explanation", 2000), today, actor);
        Claims = [.. Claims, claim];
        return claim;
    }

    /// <summary>The claim is settled: the amount repaid (at most the claim), when, and the finance system's reference.</summary>
    public void SettleClaim(Guid claimId, DateOnly? on, decimal? amount, string? reference, DateOnly today)
    {
        EnsureNotClosed();
        var claim = Claims.FirstOrDefault(c => c.Id == claimId) ?? throw new DomainException("Kravet finns inte.", "ClaimId");
        if (claim.Status == ClaimStatus.Settled)
        {
            throw new DomainException("Kravet är redan reglerat.", "ClaimId") { IsConflict = true };
        }

        if (on is not { } day || day > today || day < claim.ClaimedOn)
        {
            throw new DomainException("Ange dagen då kravet reglerades (inte före kravet, inte i framtiden).", "SettledOn");
        }

        var repaid = amount ?? claim.Amount;
        if (repaid < 0 || repaid > claim.Amount)
        {
            throw new DomainException($"Återbetalt belopp kan vara högst {Swedish.Kronor(claim.Amount)}.", "SettledAmount");
        }

        var cleanReference = Texts.Required(reference, "Ange referensen i ekonomisystemet.", "Reference", 100);
        Claims = Claims.Select(c => c.Id == claimId ? c with { Status = ClaimStatus.Settled, SettledOn = day, SettledAmount = repaid, Reference = cleanReference } : c).ToList();
    }

    /// <summary>A year's surplus, carried to the same or a similar purpose (the agreement's surplus clause).</summary>
    public void RecordSurplus(int year, decimal? amount, string? purpose, string actor, DateOnly today)
    {
        EnsureRunning();
        if (year < TermStart.Year || year > TermEnd.Year)
        {
            throw new DomainException($"Året ska ligga inom avtalstiden ({TermStart.Year}–{TermEnd.Year}).", "Year");
        }

        if (amount is not > 0)
        {
            throw new DomainException("Ange överskottets belopp.", "Amount");
        }

        var text = Texts.Required(purpose, "Ange vilket samma eller liknande ändamål överskottet används till.", "Purpose", 1000);
        var earlier = Surpluses.FirstOrDefault(x => x.Year == year);
        Surpluses = [.. Surpluses.Where(x => x.Year != year),
            new Surplus(year, decimal.Round(amount.Value, 2), text, actor, today) { Id = earlier?.Id ?? Guid.CreateVersion7(), Version = earlier?.Version ?? Guid.Empty }];
    }

    /// <summary>A coordination meeting: when the municipality refers a person to the activity, or something is unclear.</summary>
    public CoordinationMeeting RecordCoordination(DateOnly? date, string? referringUnit, string? participants, string? outcome, string actor, DateOnly today)
    {
        EnsureRunning();
        if (date is not { } day || day > today)
        {
            throw new DomainException("Ange mötets datum (inte i framtiden).", "Date");
        }

        var meeting = new CoordinationMeeting(Guid.CreateVersion7(), day,
            Texts.Required(referringUnit, "Ange vilken enhet som remitterar.", "ReferringUnit", 200),
            Texts.Required(participants, "Ange deltagarna.", "Participants", 1000),
            Texts.Required(outcome, "Ange vad mötet kom fram till.", "Outcome", 4000), actor);
        Coordination = [.. Coordination, meeting];
        return meeting;
    }

    /// <summary>A tripartite review, suggested monthly; the funds used so far are taken from the usage reported up to that day.</summary>
    public TripartiteReview RecordReview(DateOnly? date, string? participants, string? activities, string actor, DateOnly today)
    {
        EnsureRunning();
        if (date is not { } day || day > today || day < TermStart || day > TermEnd)
        {
            throw new DomainException("Ange datum för samtalet (inom avtalstiden, inte i framtiden).", "Date");
        }

        var used = Usage.Where(u => u.To <= day).Sum(u => u.Used.Values.Sum());
        var review = new TripartiteReview(Guid.CreateVersion7(), day,
            Texts.Required(participants, "Ange deltagarna från de tre parterna.", "Participants", 1000),
            Texts.Required(activities, "Beskriv vilka aktiviteter som genomförts.", "Activities", 4000), used, actor);
        Reviews = [.. Reviews, review];
        return review;
    }

    /// <summary>The first and last day of a quarter of the term.</summary>
    public (DateOnly From, DateOnly To) QuarterDates(int year, int quarter)
    {
        if (quarter is < 1 or > 4)
        {
            throw new DomainException("Kvartalet är 1–4.", "Quarter");
        }

        if (year is < 1 or > 9998)
        {
            throw new DomainException($"Året ska ligga inom avtalstiden ({TermStart.Year}–{TermEnd.Year}).", "Year"); // never let date arithmetic escape
        }

        var from = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        var to = from.AddMonths(3).AddDays(-1);
        if (to < TermStart || from > TermEnd)
        {
            throw new DomainException($"Kvartalet ligger utanför avtalstiden ({Swedish.Date(TermStart)} – {Swedish.Date(TermEnd)}).", "Quarter");
        }

        return (from < TermStart ? TermStart : from, to > TermEnd ? TermEnd : to);
    }

    /// <summary>
    /// The quarterly follow-up drafted from the quarter's data: steering-group meetings and their
    /// decisions, coordination meetings, tripartite reviews, and money used against each budget line.
    /// </summary>
    public string DraftQuarter(int year, int quarter)
    {
        var (from, to) = QuarterDates(year, quarter);
        bool In(DateOnly d) => d >= from && d <= to;
        var meetings = Meetings.Where(m => In(m.Date)).ToList();
        var lines = new List<string>
        {
            $"Uppföljning kvartal {quarter} {year} ({Swedish.Date(from)} – {Swedish.Date(to)}).",
            $"Styrgruppen har haft {meetings.Count} möten; {meetings.Sum(m => m.Decisions.Count(d => d.Taken))} beslut fattades och {meetings.Sum(m => m.Decisions.Count(d => !d.Taken))} förslag stoppades av en invändning.",
            $"Samverkansmöten: {Coordination.Count(c => In(c.Date))}. Trepartssamtal: {Reviews.Count(r => In(r.Date))}.",
        };
        lines.AddRange(Reviews.Where(r => In(r.Date)).OrderBy(r => r.Date).Select(r => $"{Swedish.Date(r.Date)}: {r.Activities}"));
        var reported = Usage.Where(u => u.From >= from && u.To <= to).ToList();
        if (reported.Count == 0)
        {
            lines.Add("Inga använda medel har redovisats för kvartalet.");
        }
        else
        {
            lines.Add("Använda medel under kvartalet, mot årets budget:");
            foreach (var line in BudgetLines.Where(l => l.Year == year && reported.Any(u => u.Used.ContainsKey(l.Id))))
            {
                var quarterUse = reported.Sum(u => u.Used.TryGetValue(line.Id, out var a) ? a : 0);
                lines.Add($"- {line.Label}: {Swedish.Kronor(quarterUse)} (hittills {Swedish.Kronor(UsedOf(line.Id))} av {Swedish.Kronor(line.Budgeted)}).");
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary>Saves the quarterly follow-up: the draft as it reads now, with the steering group's own completion.</summary>
    public QuarterlyReport SaveQuarterly(int year, int quarter, string? completion, string actor, DateOnly today)
    {
        EnsureRunning();
        var (_, to) = QuarterDates(year, quarter);
        if (to > today)
        {
            throw new DomainException("Kvartalet är inte slut än.", "Quarter");
        }

        var existing = Quarterly.FirstOrDefault(q => q.Year == year && q.Quarter == quarter);
        var report = new QuarterlyReport(year, quarter, DraftQuarter(year, quarter), Texts.Optional(completion, "Completion", 20_000), today, actor,
            existing?.PresentedToCommittee, existing?.PresentedToBoard) { Id = existing?.Id ?? Guid.CreateVersion7(), Version = existing?.Version ?? Guid.Empty };
        Quarterly = [.. Quarterly.Where(q => !(q.Year == year && q.Quarter == quarter)), report];
        return report;
    }

    /// <summary>Records when the quarterly follow-up was presented to the deciding committee and to the organisation's board.</summary>
    public void RecordPresented(int year, int quarter, DateOnly? toCommittee, DateOnly? toBoard, DateOnly today)
    {
        EnsureRunning();
        var report = Quarterly.FirstOrDefault(q => q.Year == year && q.Quarter == quarter)
            ?? throw new DomainException($"Spara uppföljningen för kvartal {quarter} {year} först.", "Quarter");
        if (toCommittee is null && toBoard is null)
        {
            throw new DomainException("Ange när uppföljningen presenterades för nämnden eller styrelsen.", "PresentedToCommittee");
        }

        if (toCommittee < report.SavedOn || toBoard < report.SavedOn || toCommittee > today || toBoard > today)
        {
            throw new DomainException("Datumet kan inte ligga före uppföljningen eller i framtiden.", toCommittee is not null ? "PresentedToCommittee" : "PresentedToBoard");
        }

        Quarterly = Quarterly.Select(q => q == report ? q with { PresentedToCommittee = toCommittee ?? q.PresentedToCommittee, PresentedToBoard = toBoard ?? q.PresentedToBoard } : q).ToList();
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
