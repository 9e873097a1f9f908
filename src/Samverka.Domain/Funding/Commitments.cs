using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Partnerships;

namespace Samverka.Domain.Funding;

/// <summary>Where a year's figure comes from.</summary>
public enum CommitmentBasis
{
    /// <summary>The amount per year the case gives, spread over its term: an estimate.</summary>
    Estimate = 1,

    /// <summary>The municipality's money in the agreement being written or decided.</summary>
    Proposal = 2,

    /// <summary>The municipality's money in the signed agreement in force (amendments included), less cancelled payments.</summary>
    InForce = 3,
}

public static class CommitmentBasisTexts
{
    public static string Swedish(this CommitmentBasis basis) => basis switch
    {
        CommitmentBasis.Estimate => "uppskattning i ärendet",
        CommitmentBasis.Proposal => "förslaget till överenskommelse",
        _ => "överenskommelsen",
    };
}

/// <summary>One municipality's money for one case (later its partnership) and calendar year: what it commits, what is paid, and on what basis.</summary>
public sealed record Commitment(Guid MunicipalityId, int Year, decimal Amount, decimal Paid, CommitmentBasis Basis);

/// <summary>A commitment that binds a committee's frame: the municipality has approved the case.</summary>
public sealed record BindingCommitment(Commitment Commitment, Guid CommitteeId);

/// <summary>
/// One figure per case, municipality and year, from one rule. The case's amount is an estimate
/// until an agreement gives the municipality's money (not in kind: what it pays); from then on the
/// agreement decides, and once the partnership runs, the agreement in force does: cancelled
/// payments leave it, and a year after the partnership ended binds only what was paid.
/// </summary>
public static class Commitments
{
    /// <param name="agreement">The agreement in force when the partnership runs, else the case's agreement being written (or null).</param>
    /// <param name="partnership">The running (or ended) partnership, with its payments loaded; null before signing.</param>
    public static IReadOnlyList<Commitment> Planned(Case c, AgreementContent? agreement, Partnership? partnership)
    {
        var municipal = agreement?.Parties.Where(p => p.Kind == PartyKind.Municipality).Select(p => p.Id).ToHashSet() ?? [];
        var money = (agreement?.Budget ?? []).Where(l => municipal.Contains(l.PartyId) && !l.InKind)
            .GroupBy(l => (l.PartyId, l.Year)).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));
        var result = new List<Commitment>();
        foreach (var m in c.MunicipalityIds)
        {
            var own = money.Where(x => x.Key.PartyId == m && x.Value > 0).OrderBy(x => x.Key.Year).ToList();
            if (own.Count > 0)
            {
                result.AddRange(own.Select(x => FromAgreement(m, x.Key.Year, x.Value, money.Where(y => y.Key.Year == x.Key.Year).Sum(y => y.Value), partnership)));
            }
            else if (partnership is null && m == c.MunicipalityId)
            {
                result.AddRange(c.YearlyAmounts().Select(y => new Commitment(m, y.Year, y.Amount, 0, CommitmentBasis.Estimate)));
            }
        }

        return result;
    }

    /// <summary>What binds the frames: the planned money of each municipality that has approved the case, against the committee that decided.</summary>
    public static IReadOnlyList<BindingCommitment> Binding(Case c, AgreementContent? agreement, Partnership? partnership) =>
        c.State is CaseState.Approved or CaseState.Decision
            ? Planned(c, agreement, partnership)
                .Select(x => (x, Decision: c.Decisions.FirstOrDefault(d => d.MunicipalityId == x.MunicipalityId && d.Approved)))
                .Where(x => x.Decision is not null)
                .Select(x => new BindingCommitment(x.x, x.Decision!.CommitteeId))
                .ToList()
            : [];

    /// <summary>
    /// A municipality's money in a year of the agreement. Payments are made for all municipal
    /// parties together, so what is paid and cancelled is shared in proportion to each one's money.
    /// </summary>
    private static Commitment FromAgreement(Guid municipality, int year, decimal amount, decimal allMunicipalMoney, Partnership? partnership)
    {
        if (partnership is null)
        {
            return new(municipality, year, amount, 0, CommitmentBasis.Proposal);
        }

        var share = amount / allMunicipalMoney;
        var payments = partnership.Payments.Where(p => p.Year == year).ToList();
        var paid = decimal.Round(payments.Where(p => p.PaidOn is not null).Sum(p => p.Amount) * share, 2);
        var cancelled = decimal.Round(payments.Where(p => p.Cancelled).Sum(p => p.Amount) * share, 2);
        var endedBefore = partnership.Ended is { } ended && ended.On.Year < year;
        return new(municipality, year, endedBefore ? paid : Math.Max(paid, amount - cancelled), paid, CommitmentBasis.InForce);
    }
}
