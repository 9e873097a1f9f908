using Samverka.Domain.Agreements;
using Samverka.Domain.Common;
using Samverka.Domain.Deadlines;
using Samverka.Domain.Formatting;

namespace Samverka.Domain.Partnerships;

public enum CalendarStatus
{
    Done = 1,
    Due = 2,
    Overdue = 3,
    Upcoming = 4,
}

/// <summary>One follow-up of the calendar: what, by when, and where it stands.</summary>
public sealed record CalendarItem(string Kind, string Text, DateOnly By, CalendarStatus Status, string? Detail = null);

/// <summary>The kinds of follow-up in the calendar, as shown.</summary>
public static class FollowUpKinds
{
    public const string Review = "Trepartssamtal";
    public const string Quarterly = "Kvartalsuppföljning";
    public const string Yearly = "Årsuppföljning";
}

public static class CalendarTexts
{
    public static string Swedish(this CalendarStatus status) => status switch
    {
        CalendarStatus.Done => "Klar",
        CalendarStatus.Due => "Ska göras nu",
        CalendarStatus.Overdue => "Försenad",
        _ => "Kommande",
    };
}

public enum Assessment
{
    Approved = 1,
    NeedsCompletion = 2,
}

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

public sealed partial class Partnership
{
    /// <summary>Quarterly follow-ups are presented within a month of the quarter's end.</summary>
    public const int QuarterlyReportDays = 30;

    /// <summary>
    /// The follow-up calendar through the term: the tripartite review suggested each month once a
    /// person has been referred, the quarterly follow-up within a month of each quarter (from the
    /// quarter the partnership began in), and the yearly follow-up three months after each year,
    /// each done, due, overdue or upcoming.
    /// </summary>
    public IReadOnlyList<CalendarItem> FollowUpCalendar(DateOnly today)
    {
        CalendarStatus Status(bool done, DateOnly from, DateOnly by) =>
            done ? CalendarStatus.Done : by < today ? CalendarStatus.Overdue : from <= today ? CalendarStatus.Due : CalendarStatus.Upcoming;
        var items = new List<CalendarItem>();

        // Tripartite reviews follow each referral: suggested monthly from the first coordination meeting on.
        var firstReferral = Coordination.Count == 0 ? (DateOnly?)null : Coordination.Min(c => c.Date);
        for (var month = firstReferral is { } f ? new DateOnly(f.Year, f.Month, 1) : TermEnd.AddDays(1); month <= TermEnd; month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1);
            var held = Reviews.Where(r => r.Date >= month && r.Date <= last).OrderBy(r => r.Date).FirstOrDefault();
            items.Add(new(FollowUpKinds.Review, $"Trepartssamtal {month:yyyy-MM}", last > TermEnd ? TermEnd : last, Status(held is not null, month, last),
                held is null ? null : $"Hölls {Swedish.Date(held.Date)}"));
        }

        foreach (var (year, quarter, last, by, report) in FollowedQuarters())
        {
            var presented = report is { PresentedToCommittee: not null, PresentedToBoard: not null };
            items.Add(new(FollowUpKinds.Quarterly, $"Kvartalsuppföljning kvartal {quarter} {year}", by, Status(presented, last, by),
                report is null ? null : presented ? "Presenterad för nämnden och styrelsen"
                    : "Sparad; ska presenteras för " + (report.PresentedToCommittee is null && report.PresentedToBoard is null ? "nämnden och styrelsen"
                        : report.PresentedToCommittee is null ? "nämnden" : "styrelsen")));
        }

        for (var year = TermStart.Year; year <= TermEnd.Year; year++)
        {

            var yearly = FollowUps.FirstOrDefault(f => f.Year == year);
            var due = FollowUpDue(year);
            items.Add(new(FollowUpKinds.Yearly, $"Årsuppföljning {year}", due, Status(yearly?.Assessment == Assessment.Approved, year == TermEnd.Year ? TermEnd : new DateOnly(year, 12, 31), due),
                yearly is null ? null : yearly.Assessment switch
                {
                    Assessment.Approved => $"Godkänd {Swedish.Date(yearly.AssessedOn!.Value)}",
                    Assessment.NeedsCompletion => "Behöver kompletteras",
                    _ => $"Inlämnad {Swedish.Date(yearly.SubmittedOn)}, väntar på bedömning",
                }));
        }

        return items.OrderBy(i => i.By).ThenBy(i => i.Kind, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The organisation's yearly report: a description, the key figures the agreement defines and
    /// the year's income and balance figures. A report that needed completion may be handed in
    /// again; statements already attached stay with it.
    /// </summary>
    public void SubmitFollowUp(int year, string? description, IReadOnlyDictionary<string, decimal>? keyFigures, Finances? finances, string actor, DateOnly today)
    {
        EnsureRunning();
        Texts.AtMost(keyFigures?.Count ?? 0, 40, "KeyFigures", "nyckeltal");
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
    public DateOnly FollowUpDue(int year) => WorkingDays.OnOrAfter((year == TermEnd.Year ? TermEnd : new DateOnly(year, 12, 31)).AddMonths(3));

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
}
