using Samverka.Domain.Common;
using Samverka.Domain.Deadlines;
using Samverka.Domain.Formatting;
using Samverka.Domain.Guidelines;

namespace Samverka.Domain.Partnerships;

/// <summary>A decision to pay at another interval than the guideline's: from when, the decision, and who recorded it.</summary>
public sealed record IntervalDecision(DateOnly On, Interval Interval, string Decision, string By);

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

/// <summary>A payment of the schedule: when, how much, and the follow-up it waits for (if the guidelines say so).</summary>
public sealed record Payment(Guid Id, int Year, DateOnly DueOn, decimal Amount, int? AwaitsFollowUpOf, DateOnly? PaidOn = null, string? Reference = null, string? MarkedBy = null,
    bool Cancelled = false) : IPartnershipRecord
{
    public Guid Version { get; set; }
}

public sealed partial class Partnership
{
    /// <summary>How often the grant is paid: the guideline's interval, or another by decision.</summary>
    public Interval PaymentInterval { get; private set; } = Interval.Yearly;

    public IReadOnlyList<IntervalDecision> IntervalDecisions { get; private set; } = [];

    public static int PeriodsPerYear(Interval interval) => interval switch
    {
        Interval.HalfYearly => 2,
        Interval.Quarterly => 4,
        Interval.Monthly => 12,
        _ => 1,
    };

    /// <summary>
    /// A year's grant in instalments: one per period of the interval that lies in the term (and,
    /// when rescheduling, starts on or after <paramref name="notBefore"/>), whole kronor, the
    /// remainder on the last, each due on the first day of its period or of the term.
    /// </summary>
    internal static IEnumerable<Payment> Instalments(int year, decimal amount, Interval interval, DateOnly termStart, DateOnly termEnd, int? awaits, DateOnly? notBefore)
    {
        if (amount <= 0)
        {
            yield break;
        }

        var months = 12 / PeriodsPerYear(interval);
        var dues = new List<DateOnly>();
        for (var month = 1; month <= 12; month += months)
        {
            var periodStart = new DateOnly(year, month, 1);
            var periodEnd = periodStart.AddMonths(months).AddDays(-1);
            if (periodEnd < termStart || periodStart > termEnd)
            {
                continue;
            }

            var due = WorkingDays.OnOrAfter(periodStart < termStart ? termStart : periodStart); // the period's first working day
            if (notBefore is { } first && due < first)
            {
                continue;
            }

            dues.Add(due);
        }

        if (dues.Count == 0)
        {
            // Rescheduling after the year's last period began: what remains is due at once.
            dues.Add(notBefore ?? termStart);
        }

        var part = decimal.Floor(amount / dues.Count);
        for (var i = 0; i < dues.Count; i++)
        {
            yield return new Payment(Guid.CreateVersion7(), year, dues[i], i == dues.Count - 1 ? amount - part * (dues.Count - 1) : part, awaits);
        }
    }

    /// <summary>
    /// Pays at another interval from a decision on: for each year what is not yet paid is spread
    /// over the periods still to come, in whole kronor; what has been paid stays as it was.
    /// </summary>
    public void ChangePaymentInterval(Interval? interval, string? decision, string actor, DateOnly today)
    {
        EnsureRunning();
        if (interval is not { } chosen || !Enum.IsDefined(chosen))
        {
            throw new DomainException("Välj hur ofta utbetalning ska ske.", "Interval");
        }

        if (chosen == PaymentInterval)
        {
            throw new DomainException($"Utbetalning sker redan {chosen.Swedish()}.", "Interval");
        }

        var why = Texts.Required(decision, "Ange beslutet om ändrad utbetalning, till exempel nämnd, datum och paragraf.", "Decision", 500);
        var from = today > TermStart ? today : TermStart;
        var payments = Payments.Where(p => p.PaidOn is not null || p.Cancelled).ToList();
        foreach (var year in Payments.Where(p => p.PaidOn is null && !p.Cancelled).Select(p => p.Year).Distinct().Order())
        {
            var remaining = Payments.Where(p => p.Year == year && p.PaidOn is null && !p.Cancelled).Sum(p => p.Amount);
            var awaits = Payments.First(p => p.Year == year).AwaitsFollowUpOf;
            payments.AddRange(Instalments(year, remaining, chosen, TermStart, TermEnd, awaits, year <= from.Year ? from : null));
        }

        Payments = payments.OrderBy(p => p.DueOn).ToList();
        PaymentInterval = chosen;
        IntervalDecisions = [.. IntervalDecisions, new IntervalDecision(today, chosen, why, actor)];
    }

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
        Texts.AtMost(used.Count, Agreements.Agreement.MaxBudgetLines, "Lines", "budgetrader");
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
}
