namespace Samverka.Domain.Municipalities;

/// <summary>
/// A four-year political term (mandatperiod). Elections are held in September every fourth year
/// (2018, 2022, 2026, …) and the new term starts on 15 October of the election year.
/// </summary>
public readonly record struct MandatePeriod(int ElectionYear)
{
    private const int ReferenceElectionYear = 2022;

    public DateOnly Start => new(ElectionYear, 10, 15);

    /// <summary>The last day of the term: the day before the next term starts.</summary>
    public DateOnly End => new DateOnly(ElectionYear + 4, 10, 15).AddDays(-1);

    public MandatePeriod Next => new(ElectionYear + 4);

    public static MandatePeriod Containing(DateOnly day)
    {
        var offset = ((day.Year - ReferenceElectionYear) % 4 + 4) % 4;
        var electionYear = day.Year - offset;
        var candidate = new MandatePeriod(electionYear);
        return day < candidate.Start ? new MandatePeriod(electionYear - 4) : candidate;
    }

    public override string ToString() => $"{ElectionYear}–{ElectionYear + 4}";
}
