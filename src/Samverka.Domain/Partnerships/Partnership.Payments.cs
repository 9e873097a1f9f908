using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Guidelines;

namespace Samverka.Domain.Partnerships;

/// <summary>A decision to pay at another interval than the guideline's: from when, the decision, and who recorded it.</summary>
public sealed record IntervalDecision(DateOnly On, Interval Interval, string Decision, string By);

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

            var due = periodStart < termStart ? termStart : periodStart;
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
}
