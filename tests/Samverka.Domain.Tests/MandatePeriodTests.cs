using Samverka.Domain.Municipalities;

namespace Samverka.Domain.Tests;

public sealed class MandatePeriodTests
{
    [Theory]
    [InlineData("2026-10-14", 2022)]
    [InlineData("2026-10-15", 2026)]
    [InlineData("2026-11-23", 2026)]
    [InlineData("2030-10-14", 2026)]
    [InlineData("2023-01-01", 2022)]
    [InlineData("2018-10-15", 2018)]
    [InlineData("2018-09-09", 2014)]
    public void A_term_starts_on_15_October_of_the_election_year(string day, int electionYear) =>
        Assert.Equal(electionYear, MandatePeriod.Containing(DateOnly.Parse(day)).ElectionYear);

    [Fact]
    public void The_current_term_runs_2026_to_2030()
    {
        var period = MandatePeriod.Containing(new DateOnly(2026, 11, 23));
        Assert.Equal(new DateOnly(2026, 10, 15), period.Start);
        Assert.Equal(new DateOnly(2030, 10, 14), period.End);
        Assert.Equal("2026–2030", period.ToString());
        Assert.Equal(2030, period.Next.ElectionYear);
    }
}
