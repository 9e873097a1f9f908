using Samverka.Domain.Deadlines;
using Samverka.Domain.Formatting;

namespace Samverka.Domain.Partnerships;

/// <summary>What a due item is about, so each role's dashboard picks its own.</summary>
public enum DueKind
{
    Meeting = 1,
    YearlyFollowUp = 2,
    QuarterlyFollowUp = 3,
    Payment = 4,
    Renewal = 5,

    /// <summary>The month's tripartite review (Söråker: monthly, once someone has been referred).</summary>
    TripartiteReview = 6,
}

/// <summary>Something due in a partnership, for the dashboards: what, by when, and whether it is late.</summary>
public sealed record DueItem(DueKind Kind, string Text, DateOnly By, bool Overdue, string Key = "");

/// <summary>Who an obligation is shown to: those who work in the partnership, or the members of the committee that decided it.</summary>
public enum Audience
{
    Partnership = 1,
    Committee = 2,
}

/// <summary>
/// Something the partnership owes by a date, independent of today: shown from <see cref="ShowFrom"/>
/// until <see cref="HideAfter"/>, late once <see cref="By"/> has passed. Stored as rows (one per
/// key) kept in the same transaction as every change, so a start page selects what is due by
/// indexed dates instead of computing every partnership's history.
/// </summary>
public sealed record Obligation(string Key, DueKind Kind, Audience Audience, string Text, DateOnly ShowFrom, DateOnly By, DateOnly HideAfter)
{
    public bool ShownOn(DateOnly today) => ShowFrom <= today && today <= HideAfter;

    public DueItem On(DateOnly today) => new(Kind, Text, By, By < today, Key);
}

public sealed partial class Partnership
{
    /// <summary>Shown until done: a follow-up not approved or a payment not made stays on the list however late.</summary>
    private static readonly DateOnly Never = DateOnly.MaxValue;

    /// <summary>
    /// Everything the partnership owes, with when it is shown: a month's ordinary meeting in the week
    /// before its date until an ordinary meeting is held that month; a year's follow-up from the end of the year (60 days before
    /// it is due at the earliest) until approved; a quarter's follow-up from the quarter's end until
    /// presented to both the committee and the board (shown half a year past due at most); a
    /// payment 30 days before it falls due until it is made; the renewal dialogue from 30 days and
    /// the latest renewal from 60 days before, through the term, unless declined or renewed. For the
    /// committee: a saved quarterly follow-up until presented to it (half a year at most), and the
    /// latest renewal. An ended partnership owes nothing.
    /// </summary>
    public IReadOnlyList<Obligation> Obligations()
    {
        if (Ended is not null)
        {
            return [];
        }

        var items = new List<Obligation>();
        // The month's ordinary meeting is held when the steering group met in that month, whatever the day (a meeting moved is not owed twice).
        var held = Meetings.Where(m => m.Kind == MeetingKind.Ordinary).Select(m => (m.Date.Year, m.Date.Month)).ToHashSet();
        items.AddRange(MeetingSchedule().Where(d => !held.Contains((d.Year, d.Month)))
            .Select(d => new Obligation($"meeting:{d:yyyy-MM-dd}", DueKind.Meeting, Audience.Partnership, $"Styrgruppsmöte {Swedish.Date(d)}", d.AddDays(-6), d, d)));

        for (var year = TermStart.Year; year <= TermEnd.Year; year++)
        {
            var report = FollowUps.FirstOrDefault(f => f.Year == year);
            if (report?.Assessment == Assessment.Approved)
            {
                continue;
            }

            var due = FollowUpDue(year);
            var yearOver = new DateOnly(year + 1, 1, 1) < TermEnd.AddDays(1) ? new DateOnly(year + 1, 1, 1) : TermEnd.AddDays(1);
            var text = report is null
                ? $"Årsuppföljningen för {year} ska lämnas senast {Swedish.Date(due)}."
                : report.Assessment == Assessment.NeedsCompletion
                    ? $"Årsuppföljningen för {year} behöver kompletteras."
                    : $"Årsuppföljningen för {year} väntar på bedömning.";
            // Which money the report unlocks, so the organisation knows why it matters.
            var unlocks = Payments.Where(x => x.AwaitsFollowUpOf == year && x.PaidOn is null && !x.Cancelled).ToList();
            if (unlocks.Count > 0)
            {
                text += $" När den är godkänd kan {Swedish.Kronor(unlocks.Sum(x => x.Amount))} för {string.Join(", ", unlocks.Select(x => x.Year).Distinct())} betalas ut.";
            }
            items.Add(new($"yearly:{year}", DueKind.YearlyFollowUp, Audience.Partnership, text, Max(yearOver, due.AddDays(-60)), due, Never));
        }

        foreach (var (year, quarter, last, by, report) in FollowedQuarters())
        {
            if (report is not { PresentedToCommittee: not null, PresentedToBoard: not null })
            {
                items.Add(new($"quarterly:{year}:{quarter}", DueKind.QuarterlyFollowUp, Audience.Partnership,
                    $"Kvartalsuppföljning kvartal {quarter} {year} ska presenteras för nämnden och styrelsen senast {Swedish.Date(by)}.", last, by, by.AddMonths(6)));
            }
        }

        foreach (var report in Quarterly.Where(q => q.PresentedToCommittee is null))
        {
            items.Add(new($"committee-quarterly:{report.Year}:{report.Quarter}", DueKind.QuarterlyFollowUp, Audience.Committee,
                $"Kvartalsuppföljning kvartal {report.Quarter} {report.Year} ska presenteras för nämnden.", report.SavedOn, WorkingDays.OnOrAfter(report.SavedOn.AddDays(QuarterlyReportDays)), report.SavedOn.AddMonths(6)));
        }

        foreach (var payment in Payments.Where(p => p.PaidOn is null && !p.Cancelled))
        {
            // A payment that waits for a follow-up is not late before that follow-up is due: it can be paid from its approval on.
            if (Blocker(payment) is not null && payment.AwaitsFollowUpOf is { } awaited)
            {
                var reportDue = FollowUpDue(awaited);
                items.Add(new($"payment:{payment.Id}", DueKind.Payment, Audience.Partnership,
                    $"Utbetalning {payment.Year} ({Swedish.Kronor(payment.Amount)}) kan göras när årsuppföljningen för {awaited} är godkänd; den ska lämnas senast {Swedish.Date(reportDue)}.",
                    payment.DueOn.AddDays(-30), Max(payment.DueOn, reportDue), Never));
                continue;
            }

            items.Add(new($"payment:{payment.Id}", DueKind.Payment, Audience.Partnership,
                $"Utbetalning {payment.Year}: {Swedish.Kronor(payment.Amount)} förfaller {Swedish.Date(payment.DueOn)}.", payment.DueOn.AddDays(-30), payment.DueOn, Never));
        }

        // A tripartite review each month from the first referral, shown through its month until held (not chased after).
        if (Coordination.Count > 0)
        {
            var first = Coordination.Min(c => c.Date);
            var reviewed = Reviews.Select(r => (r.Date.Year, r.Date.Month)).ToHashSet();
            for (var month = new DateOnly(first.Year, first.Month, 1); month <= TermEnd; month = month.AddMonths(1))
            {
                var end = month.AddMonths(1).AddDays(-1);
                var last = WorkingDays.OnOrAfter(end > TermEnd ? TermEnd : end);
                if (!reviewed.Contains((month.Year, month.Month)))
                {
                    items.Add(new($"review:{month:yyyy-MM}", DueKind.TripartiteReview, Audience.Partnership,
                        $"Trepartssamtal {month:yyyy-MM} med den som remitterat, deltagaren och handledaren, senast {Swedish.Date(last)}.", month, last, last));
                }
            }
        }

        if (Declined is null && RenewalCaseId is null)
        {
            // The month the agreement says extension is decided (Söråker: November): decided by its last day.
            if (ExtensionDecidedIn is { } decidedIn && decidedIn <= TermEnd)
            {
                var by = WorkingDays.OnOrAfter(decidedIn.AddMonths(1).AddDays(-1));
                items.Add(new($"extension:{decidedIn:yyyy-MM}", DueKind.Renewal, Audience.Partnership,
                    $"Enligt överenskommelsen beslutar parterna i {decidedIn:yyyy-MM} om den ska förlängas: senast {Swedish.Date(by)}.", decidedIn.AddDays(-30), by, TermEnd));
            }

            if (RenewalDialogueStarts is { } dialogue)
            {
                items.Add(new("renewal-dialogue", DueKind.Renewal, Audience.Partnership,
                    $"Inled dialogen om en ny överenskommelse (senast {Swedish.Date(dialogue)}).", dialogue.AddDays(-30), dialogue, TermEnd));
            }

            if (RenewLatest is { } latest)
            {
                var text = $"En ny överenskommelse ska vara beslutad senast {Swedish.Date(latest)}.";
                items.Add(new("renewal-latest", DueKind.Renewal, Audience.Partnership, text, latest.AddDays(-60), latest, TermEnd));
                items.Add(new("committee-renewal-latest", DueKind.Renewal, Audience.Committee, text, latest.AddDays(-60), latest, TermEnd));
            }
        }

        return items;
    }

    /// <summary>
    /// What is due for those who work in the partnership today, and what is late: this week's
    /// meetings not yet held, follow-ups, payments due within 30 days or waiting for a follow-up,
    /// and the renewal dates of the guidelines.
    /// </summary>
    public IReadOnlyList<DueItem> Due(DateOnly today) => DueFor(Audience.Partnership, today);

    /// <summary>What is due for the deciding committee's members today.</summary>
    public IReadOnlyList<DueItem> DueForCommittee(DateOnly today) => DueFor(Audience.Committee, today);

    private List<DueItem> DueFor(Audience audience, DateOnly today) =>
        Obligations().Where(o => o.Audience == audience && o.ShownOn(today)).Select(o => o.On(today)).OrderBy(i => i.By).ToList();

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>
    /// The quarters the steering group follows up: those of the term from the one the partnership
    /// began in, each with its last day in the term, the day it is to be presented by, and its report if saved.
    /// </summary>
    private IEnumerable<(int Year, int Quarter, DateOnly Last, DateOnly By, QuarterlyReport? Report)> FollowedQuarters()
    {
        var started = SignedOn ?? Swedish.DayOf(StartedAt);
        for (var year = TermStart.Year; year <= TermEnd.Year; year++)
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                var start = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
                var end = start.AddMonths(3).AddDays(-1);
                if (end < TermStart || start > TermEnd || end < started)
                {
                    continue; // outside the term, or over before the partnership began
                }

                var last = end > TermEnd ? TermEnd : end;
                yield return (year, quarter, last, WorkingDays.OnOrAfter(last.AddDays(QuarterlyReportDays)), Quarterly.FirstOrDefault(q => q.Year == year && q.Quarter == quarter));
            }
        }
    }
}
