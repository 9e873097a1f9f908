using System.Text.RegularExpressions;
using Samverka.Domain.Common;

namespace Samverka.Domain.Funding;

/// <summary>A committee's yearly frame (ram) for IOP: what its partnerships may cost the municipality that year.</summary>
public sealed class BudgetFrame : Entity, IMunicipalityOwned, IVersioned, IAudited
{
    private BudgetFrame() { }

    public BudgetFrame(Guid municipalityId, Guid committeeId, int year, decimal amount)
    {
        MunicipalityId = municipalityId;
        CommitteeId = committeeId;
        Year = year is >= 2000 and <= 2100 ? year : throw new DomainException("Ange ett år mellan 2000 och 2100.", nameof(Year));
        Change(amount);
    }

    public Guid MunicipalityId { get; private set; }
    public Guid CommitteeId { get; private set; }
    public int Year { get; private set; }
    public decimal Amount { get; private set; }
    public Guid Version { get; set; }

    public void Change(decimal amount) =>
        Amount = amount is >= 0 and <= 10_000_000_000m ? decimal.Round(amount, 2) : throw new DomainException("Ramen ska vara mellan 0 kr och 10 miljarder kr.", nameof(Amount));
}

/// <summary>What kind of other support the municipality gives an organisation.</summary>
public enum SupportKind
{
    Grant = 1,           // föreningsbidrag, verksamhetsbidrag
    OtherAgreement = 2,  // annan IOP eller överenskommelse
    Procurement = 3,     // upphandlat uppdrag
    Premises = 4,        // lokaler eller annat i natura
}

public static class SupportKindTexts
{
    public static string Swedish(this SupportKind kind) => kind switch
    {
        SupportKind.Grant => "Bidrag",
        SupportKind.OtherAgreement => "Annan överenskommelse",
        SupportKind.Procurement => "Upphandlat uppdrag",
        SupportKind.Premises => "Lokaler eller annat stöd i natura",
        _ => kind.ToString(),
    };
}

/// <summary>
/// Other support the municipality gives an organisation (the register behind Söderhamn's ban on
/// double funding): by which committee, for what activity, which years and how much.
/// </summary>
public sealed class OtherSupport : Entity, IMunicipalityOwned, IVersioned, IAudited
{
    private OtherSupport() { }

    public OtherSupport(Guid municipalityId, Guid organisationId, Guid committeeId, SupportKind kind, string activity, int fromYear, int toYear, decimal? amountPerYear)
    {
        MunicipalityId = municipalityId;
        OrganisationId = organisationId;
        CommitteeId = committeeId;
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Välj typ av stöd.", nameof(Kind));
        }

        activity = (activity ?? "").Trim();
        if (activity.Length is < 2 or > 200)
        {
            throw new DomainException("Ange vilken verksamhet stödet gäller (2–200 tecken).", nameof(Activity));
        }

        if (fromYear is < 2000 or > 2100)
        {
            throw new DomainException("Ange ett år mellan 2000 och 2100.", nameof(FromYear));
        }

        if (toYear < fromYear || toYear > 2100)
        {
            throw new DomainException("Sista året kan inte vara före det första.", nameof(ToYear));
        }

        if (amountPerYear is < 0)
        {
            throw new DomainException("Beloppet kan inte vara negativt.", nameof(AmountPerYear));
        }

        (Kind, Activity, FromYear, ToYear, AmountPerYear) = (kind, activity, fromYear, toYear, amountPerYear);
    }

    public Guid MunicipalityId { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid CommitteeId { get; private set; }
    public SupportKind Kind { get; private set; }
    public string Activity { get; private set; } = "";
    public int FromYear { get; private set; }
    public int ToYear { get; private set; }
    public decimal? AmountPerYear { get; private set; }
    public Guid Version { get; set; }
}

/// <summary>Other support that may pay for the same activity as a case, and why it was flagged.</summary>
public sealed record DoubleFundingFlag(Guid SupportId, Guid CommitteeId, SupportKind Kind, string Activity, int FromYear, int ToYear, string Reason);

public static class DoubleFundingCheck
{
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "verksamhet", "projekt", "stöd", "bidrag", "föreningen", "förening", "kommun", "kommunen", "för", "och", "med", "till", "inom",
    };

    /// <summary>
    /// Support from another committee than the deciding one, to a party, in a year the term
    /// covers, for an activity named like the case's (a word of five letters or more in common,
    /// or one the start of the other: nattvandring, nattvandringar).
    /// The official then judges whether it really is the same activity.
    /// </summary>
    public static IReadOnlyList<DoubleFundingFlag> Flags(IReadOnlyCollection<Guid> organisationIds, string caseActivity, DateOnly? termStart, DateOnly? termEnd,
        Guid? decidingCommitteeId, IEnumerable<OtherSupport> supports)
    {
        var words = Words(caseActivity);
        return supports
            .Where(s => organisationIds.Contains(s.OrganisationId) && s.CommitteeId != decidingCommitteeId)
            .Where(s => termStart is null || termEnd is null || (s.FromYear <= termEnd.Value.Year && s.ToYear >= termStart.Value.Year))
            .Select(s => (Support: s, Shared: Words(s.Activity).Where(w => words.Any(c => c.StartsWith(w, StringComparison.Ordinal) || w.StartsWith(c, StringComparison.Ordinal))).ToList()))
            .Where(x => x.Shared.Count > 0)
            .Select(x => new DoubleFundingFlag(x.Support.Id, x.Support.CommitteeId, x.Support.Kind, x.Support.Activity, x.Support.FromYear, x.Support.ToYear,
                $"{x.Support.Kind.Swedish()} för ”{x.Support.Activity}” {x.Support.FromYear}–{x.Support.ToYear} liknar ärendets verksamhet ({string.Join(", ", x.Shared)})."))
            .ToList();
    }

    private static HashSet<string> Words(string text) =>
        new(Regex.Matches((text ?? "").ToLowerInvariant(), @"\p{L}{5,}").Select(m => m.Value).Where(w => !Ignored.Contains(w)), StringComparer.OrdinalIgnoreCase);
}

/// <summary>One year of a committee's frame against what is committed.</summary>
public sealed record YearBudget(int Year, decimal? Frame, decimal Committed, decimal ThisCase)
{
    /// <summary>What is left after this case; null when no frame is set for the year.</summary>
    public decimal? Remaining => Frame is { } f ? f - Committed - ThisCase : null;

    public bool Exceeded => Remaining is < 0;
}

/// <summary>Money per year for a case against its committee's frames, and what the case's figures rest on.</summary>
public sealed record BudgetOutlook(IReadOnlyList<YearBudget> Years, CommitmentBasis Basis = CommitmentBasis.Estimate)
{
    public static readonly BudgetOutlook None = new([]);

    public string BasisText => Basis.Swedish();

    public IReadOnlyList<YearBudget> Exceeded => Years.Where(y => y.Exceeded).ToList();

    public IReadOnlyList<int> YearsWithoutFrame => Years.Where(y => y.Frame is null).Select(y => y.Year).ToList();
}

public static class Budgets
{
    /// <summary>
    /// An amount per year spread over the calendar years of a term, in proportion to the days
    /// covered (a term of 2027-07-01 – 2028-06-30 at 100 000 kr/year is about 50 000 kr in each).
    /// Whole years get the whole amount; amounts are rounded to whole kronor.
    /// </summary>
    public static IReadOnlyList<(int Year, decimal Amount)> PerYear(DateOnly start, DateOnly end, decimal perYear)
    {
        var result = new List<(int, decimal)>();
        for (var year = start.Year; year <= end.Year; year++)
        {
            var first = year == start.Year ? start : new DateOnly(year, 1, 1);
            var last = year == end.Year ? end : new DateOnly(year, 12, 31);
            var days = last.DayNumber - first.DayNumber + 1;
            var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
            result.Add((year, decimal.Round(perYear * days / daysInYear, 0, MidpointRounding.AwayFromZero)));
        }

        return result;
    }

    /// <summary>This case's money per year against the frame and what other approved cases already commit.</summary>
    public static BudgetOutlook Outlook(IReadOnlyList<(int Year, decimal Amount)> thisCase, IReadOnlyDictionary<int, decimal> frames,
        IReadOnlyDictionary<int, decimal> committed) =>
        new(thisCase.Select(y => new YearBudget(y.Year, frames.TryGetValue(y.Year, out var f) ? f : null,
            committed.TryGetValue(y.Year, out var c) ? c : 0, y.Amount)).ToList());
}
