using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;

namespace Samverka.Domain.Agreements;

/// <summary>What a budget line stands for; in-kind kinds are valued, not paid.</summary>
public enum BudgetCategory
{
    OperatingGrant = 1,
    Staff = 2,
    Volunteers = 3,
    Premises = 4,
    Material = 5,
    Travel = 6,
    SteeringGroup = 7,
    Supervision = 8,
    Other = 9,
}

public static class BudgetCategories
{
    public static string Swedish(this BudgetCategory category) => category switch
    {
        BudgetCategory.OperatingGrant => "Verksamhetsstöd",
        BudgetCategory.Staff => "Personal",
        BudgetCategory.Volunteers => "Ideell insats",
        BudgetCategory.Premises => "Lokaler",
        BudgetCategory.Material => "Material och utrustning",
        BudgetCategory.Travel => "Resor",
        BudgetCategory.SteeringGroup => "Styrgruppskostnader",
        BudgetCategory.Supervision => "Handledning",
        BudgetCategory.Other => "Övrigt",
        _ => category.ToString(),
    };
}

/// <summary>A unit a budget quantity is counted in, as Swedish users write it.</summary>
public sealed record BudgetUnit(string Name, bool IsHours, params string[] Spellings)
{
    public static readonly IReadOnlyList<BudgetUnit> All =
    [
        new("veckor", false, "v", "v.", "vecka", "veckor", "veckan"),
        new("tim", true, "tim", "tim.", "timme", "timmar", "h"),
        new("dagar", false, "dag", "dagar", "d"),
        new("månader", false, "mån", "mån.", "månad", "månader"),
        new("år", false, "år"),
        new("nätter", false, "natt", "nätter", "kvällar", "kväll"),
        new("st", false, "st", "st.", "stycken"),
        new("personer", false, "person", "personer", "pers", "pers."),
        new("tillfällen", false, "tillfälle", "tillfällen", "gånger", "gång"),
        new("km", false, "km", "kilometer"),
        new("mil", false, "mil"),
    ];

    public static BudgetUnit? Find(string word) =>
        All.FirstOrDefault(u => u.Spellings.Contains(word.ToLowerInvariant(), StringComparer.Ordinal));
}

/// <summary>One counted quantity of a calculation: 44 veckor, 40 tim.</summary>
public sealed record BudgetQuantity(decimal Count, string Unit);

/// <summary>
/// How a budget line's amount comes about, as it is written in agreements:
/// <c>44 veckor × 40 tim × 134 kr</c>, <c>44 veckor × 3 750 kr</c>, <c>196 tkr × 10 %</c>, <c>500 tkr</c>.
/// Quantities, then one amount in kronor, then optionally a percentage.
/// </summary>
public sealed record BudgetCalculation(IReadOnlyList<BudgetQuantity> Quantities, decimal Rate, decimal? Percent)
{
    private static readonly Regex Separators = new(@"\s*[×*xX]\s*|\s+à\s+|\s+a\s+", RegexOptions.Compiled);
    private static readonly Regex Term = new(@"^(?<n>-?[0-9][0-9\s\u00A0\u202F]*(?:[.,][0-9]+)?)\s*(?<unit>.*)$", RegexOptions.Compiled);

    /// <summary>The exact amount in kronor (never rounded: documents may round it to tkr). Computed, never stored: the stored calculation is the truth.</summary>
    [JsonIgnore]
    public decimal Amount => decimal.Round(Quantities.Aggregate(Rate, (sum, q) => sum * q.Count) * (Percent ?? 100m) / 100m, 2);

    /// <summary>The hours the line counts, when one of its quantities is in hours (44 veckor × 40 tim = 1 760 tim).</summary>
    [JsonIgnore]
    public decimal? Hours
    {
        get
        {
            var hours = Quantities.Select((q, i) => (q, i)).FirstOrDefault(x => BudgetUnit.Find(x.q.Unit)?.IsHours == true);
            return hours.q is null ? null : Quantities.Take(hours.i + 1).Aggregate(1m, (p, q) => p * q.Count);
        }
    }

    /// <summary>As it is written back: <c>44 veckor × 40 tim × 134 kr</c>.</summary>
    public override string ToString() =>
        string.Join(" × ", Quantities.Select(q => $"{Swedish.Number(q.Count)} {q.Unit}")
            .Append(Rate % 1000 == 0 && Rate >= 10_000 && Percent is not null ? Swedish.Tkr(Rate) : Swedish.Kronor(Rate))
            .Concat(Percent is { } p ? [$"{Swedish.Number(p)} %"] : []));

    /// <summary>Reads a calculation as Swedish users write it; refuses negative numbers and units it does not know, naming the field.</summary>
    public static BudgetCalculation Parse(string? text, string field = "Calculation")
    {
        var input = (text ?? "").Trim();
        if (input.Length == 0)
        {
            throw new DomainException("Ange beloppet eller hur det räknas fram, till exempel 44 veckor × 3 750 kr.", field);
        }

        if (input.Length > 200)
        {
            throw new DomainException("Högst 200 tecken.", field);
        }

        var quantities = new List<BudgetQuantity>();
        decimal? rate = null;
        decimal? percent = null;
        foreach (var part in Separators.Split(input).Where(p => p.Length > 0))
        {
            var term = part.Trim();
            if (term.EndsWith('%'))
            {
                var number = Number(term[..^1], field);
                if (percent is not null || number is <= 0 or > 100)
                {
                    throw new DomainException("En andel anges en gång, mellan 0 och 100 %.", field);
                }

                percent = number;
                continue;
            }

            var lower = term.ToLowerInvariant();
            if (lower.EndsWith("kr", StringComparison.Ordinal) || lower.EndsWith(":-", StringComparison.Ordinal))
            {
                if (rate is not null)
                {
                    throw new DomainException("Ange bara ett belopp i kronor per beräkning, till exempel 40 tim × 134 kr.", field);
                }

                if (!Swedish.TryParseKronor(term, out var kronor, out var error))
                {
                    throw new DomainException(error!, field);
                }

                rate = kronor < 0 ? throw new DomainException("Belopp kan inte vara negativa.", field) : kronor;
                continue;
            }

            var match = Term.Match(term);
            if (!match.Success)
            {
                throw new DomainException($"”{term}” kan inte läsas. Skriv till exempel 44 veckor × 40 tim × 134 kr.", field);
            }

            var count = Number(match.Groups["n"].Value, field);
            var unitText = match.Groups["unit"].Value.Trim();
            if (unitText.Length == 0)
            {
                throw new DomainException($"Ange enheten för {match.Groups["n"].Value.Trim()}, till exempel veckor eller tim.", field);
            }

            var unit = BudgetUnit.Find(unitText)
                ?? throw new DomainException($"Okänd enhet ”{unitText}”. Använd {string.Join(", ", BudgetUnit.All.Select(u => u.Name))}.", field);
            quantities.Add(new(count, unit.Name));
        }

        if (rate is null)
        {
            throw new DomainException("Ange ett belopp i kronor, till exempel 3 750 kr eller 500 tkr.", field);
        }

        if (quantities.Count > 3)
        {
            throw new DomainException("Högst tre storheter per beräkning.", field);
        }

        var calculation = new BudgetCalculation(quantities, rate.Value, percent);
        return calculation.Amount > 1_000_000_000m ? throw new DomainException("Beloppet är orimligt stort.", field) : calculation;
    }

    private static decimal Number(string text, string field)
    {
        var cleaned = text.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Replace(',', '.').Trim();
        if (!decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value > 1_000_000_000m)
        {
            throw new DomainException($"”{text.Trim()}” är inte ett tal.", field);
        }

        return value < 0 ? throw new DomainException("Antal kan inte vara negativa.", field) : value;
    }
}

/// <summary>
/// One line of a party's budget for one year: money or in kind, with how it is calculated and,
/// where a document is being transcribed, the figures that document states (to be checked, never trusted).
/// </summary>
public sealed record BudgetLine(
    Guid Id, Guid PartyId, int Year, string Label, BudgetCategory Category, bool InKind, BudgetCalculation Calculation,
    decimal? StatedAmount = null, decimal? StatedHours = null, string? Note = null)
{
    [JsonIgnore]
    public decimal Amount => Calculation.Amount;

    [JsonIgnore]
    public decimal? Hours => Calculation.Hours;
}

/// <summary>A total a transcribed document states for a party and year (Söråker: "Summa 995").</summary>
public sealed record StatedTotal(Guid PartyId, int Year, decimal Amount);

/// <summary>A party's computed totals for one year.</summary>
public sealed record PartyYearTotal(Guid PartyId, int Year, decimal Money, decimal InKind)
{
    public decimal Total => Money + InKind;
}

/// <summary>A figure a document states that disagrees with what its lines compute.</summary>
public sealed record BudgetWarning(string Message, Guid? LineId, Guid PartyId, int Year);

/// <summary>The budget's arithmetic: every total computed from the lines, and the stated figures checked against them.</summary>
public sealed class BudgetSummary
{
    public BudgetSummary(IReadOnlyList<BudgetLine> lines, IReadOnlyList<StatedTotal> stated, IReadOnlyCollection<Guid> municipalityParties,
        Func<Guid, string> partyName)
    {
        Lines = lines;
        Totals = lines.GroupBy(l => (l.PartyId, l.Year))
            .Select(g => new PartyYearTotal(g.Key.PartyId, g.Key.Year, g.Where(l => !l.InKind).Sum(l => l.Amount), g.Where(l => l.InKind).Sum(l => l.Amount)))
            .OrderBy(t => t.Year).ToList();
        MunicipalTotal = Totals.Where(t => municipalityParties.Contains(t.PartyId)).Sum(t => t.Total);
        MunicipalMoney = Totals.Where(t => municipalityParties.Contains(t.PartyId)).Sum(t => t.Money);
        OrganisationTotal = Totals.Where(t => !municipalityParties.Contains(t.PartyId)).Sum(t => t.Total);
        VolunteerHours = lines.Where(l => l.Category == BudgetCategory.Volunteers).Sum(l => l.Hours ?? 0);
        Warnings = Check(lines, stated, partyName);
    }

    public IReadOnlyList<BudgetLine> Lines { get; }
    public IReadOnlyList<PartyYearTotal> Totals { get; }
    public decimal MunicipalTotal { get; }

    /// <summary>The municipality's money (not in kind): what it pays.</summary>
    public decimal MunicipalMoney { get; }

    public decimal OrganisationTotal { get; }
    public decimal GrandTotal => MunicipalTotal + OrganisationTotal;
    public decimal VolunteerHours { get; }
    public IReadOnlyList<BudgetWarning> Warnings { get; }

    /// <summary>The municipality's share of everything put into the partnership, in per cent.</summary>
    public decimal? MunicipalSharePercent => GrandTotal == 0 ? null : decimal.Round(MunicipalTotal * 100m / GrandTotal, 1);

    /// <summary>What the organisations put in per krona of the municipality's money.</summary>
    public decimal? OrganisationPerMunicipalKrona => MunicipalMoney == 0 ? null : decimal.Round(OrganisationTotal / MunicipalMoney, 2);

    /// <summary>The eligibility criterion "both parties finance", read from the budget itself.</summary>
    public bool BothPartiesFinance => MunicipalTotal > 0 && OrganisationTotal > 0;

    public decimal Total(Guid partyId, int year) => Totals.FirstOrDefault(t => t.PartyId == partyId && t.Year == year)?.Total ?? 0;

    /// <summary>
    /// A stated figure is accepted when it equals the computed one, or the computed one rounded to
    /// whole tkr (a line of 235 840 kr written as 236 tkr), or, for a total, the sum of the lines so
    /// rounded. Anything else is a warning that names both figures.
    /// </summary>
    private static List<BudgetWarning> Check(IReadOnlyList<BudgetLine> lines, IReadOnlyList<StatedTotal> stated, Func<Guid, string> partyName)
    {
        var warnings = new List<BudgetWarning>();
        foreach (var line in lines)
        {
            if (line.StatedAmount is { } amount && amount != line.Amount && amount != RoundTkr(line.Amount))
            {
                warnings.Add(new($"{line.Label}: dokumentet anger {Swedish.Kronor(amount)}, men {line.Calculation} = {Swedish.Kronor(line.Amount)}.",
                    line.Id, line.PartyId, line.Year));
            }

            if (line.StatedHours is { } hours && line.Hours is { } computed && hours != computed)
            {
                warnings.Add(new($"{line.Label}: dokumentet anger {Swedish.Hours(hours)}, men beräkningen ger {Swedish.Hours(computed)}.",
                    line.Id, line.PartyId, line.Year));
            }
        }

        foreach (var total in stated)
        {
            var own = lines.Where(l => l.PartyId == total.PartyId && l.Year == total.Year).ToList();
            var exact = own.Sum(l => l.Amount);
            var rounded = own.Sum(l => RoundTkr(l.Amount));
            if (total.Amount != exact && total.Amount != RoundTkr(exact) && total.Amount != rounded)
            {
                warnings.Add(new($"{partyName(total.PartyId)} {total.Year}: dokumentet anger summan {Swedish.Kronor(total.Amount)}, men raderna ger " +
                    $"{Swedish.Kronor(exact)} ({Swedish.Tkr(rounded)} med varje rad avrundad till hela tkr).", null, total.PartyId, total.Year));
            }
        }

        return warnings;
    }

    public static decimal RoundTkr(decimal kronor) => decimal.Round(kronor / 1000m, MidpointRounding.AwayFromZero) * 1000m;
}
