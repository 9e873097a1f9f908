using Samverka.Domain.Deadlines;
using Samverka.Domain.Partnerships;

namespace Samverka.Domain.Tests;

/// <summary>Meetings and deadlines on working days: the Swedish public holidays (Easter and midsommar computed), and the seeds' plans.</summary>
public sealed class WorkingDayTests
{
    [Theory]
    [InlineData(2018, "2018-04-01")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")] // the latest possible
    [InlineData(2285, "2285-03-22")] // the earliest possible
    public void Easter_Sunday(int year, string expected) => Assert.Equal(DateOnly.Parse(expected), WorkingDays.EasterSunday(year));

    [Theory]
    [InlineData("2026-01-01", "nyårsdagen")]
    [InlineData("2026-01-06", "trettondedag jul")]
    [InlineData("2026-04-03", "långfredagen")]
    [InlineData("2026-04-06", "annandag påsk")]
    [InlineData("2026-05-01", "första maj")]
    [InlineData("2026-05-14", "Kristi himmelsfärdsdag")]
    [InlineData("2026-06-06", "Sveriges nationaldag")]
    [InlineData("2026-06-19", "midsommarafton")]
    [InlineData("2026-06-20", "midsommardagen")]
    [InlineData("2027-06-25", "midsommarafton")]
    [InlineData("2026-10-31", "alla helgons dag")]
    [InlineData("2027-11-06", "alla helgons dag")]
    [InlineData("2026-12-24", "julafton")]
    [InlineData("2026-12-26", "annandag jul")]
    [InlineData("2026-12-31", "nyårsafton")]
    public void Public_holidays_and_closed_eves_are_days_off(string date, string name)
    {
        var day = DateOnly.Parse(date);
        Assert.Equal(name, WorkingDays.DayOff(day));
        Assert.False(WorkingDays.IsWorkingDay(day));
    }

    [Theory]
    [InlineData("2026-04-02")] // skärtorsdagen is a working day
    [InlineData("2026-06-18")]
    [InlineData("2026-06-22")]
    [InlineData("2026-12-23")]
    [InlineData("2027-01-07")]
    public void Ordinary_weekdays_are_working_days(string date) => Assert.True(WorkingDays.IsWorkingDay(DateOnly.Parse(date)));

    [Theory]
    [InlineData("2026-01-01", "2026-01-02")] // nyårsdagen, a Thursday
    [InlineData("2026-02-01", "2026-02-02")] // a Sunday
    [InlineData("2026-04-03", "2026-04-07")] // långfredagen to the Tuesday after annandag påsk
    [InlineData("2026-06-19", "2026-06-22")] // midsommarafton
    [InlineData("2026-12-24", "2026-12-28")] // julafton, juldagen, annandag jul, then the weekend
    [InlineData("2019-03-31", "2019-04-01")] // Söråker's yearly follow-up for 2018, due on a Sunday
    [InlineData("2026-11-23", "2026-11-23")]
    public void A_deadline_on_a_day_off_moves_to_the_next_working_day(string by, string moved) =>
        Assert.Equal(DateOnly.Parse(moved), WorkingDays.OnOrAfter(DateOnly.Parse(by)));

    [Theory]
    [InlineData("2026-01-31", "2026-01-30")] // a Saturday at the month's end stays in the month: the Friday before
    [InlineData("2027-12-31", "2027-12-30")] // nyårsafton
    [InlineData("2026-05-01", "2026-05-04")]
    public void A_meeting_stays_in_its_month(string planned, string day) =>
        Assert.Equal(DateOnly.Parse(day), WorkingDays.MeetingDay(DateOnly.Parse(planned)));

    [Fact]
    public void The_monthly_meeting_plan_and_the_payments_of_a_term_starting_on_new_years_day_fall_on_working_days()
    {
        // The Stenungsund demo partnership's term, 2026-01-01 – 2027-12-31: meetings on the first of each month.
        var p = Partnership.Start(PartnershipTests.Signed(PartnershipTests.SorakerAgreementRules, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31)),
            new DateTimeOffset(2025, 12, 15, 9, 0, 0, TimeSpan.Zero));
        var plan = p.MeetingSchedule();
        Assert.Equal(24, plan.Count);
        Assert.All(plan, d => Assert.True(WorkingDays.IsWorkingDay(d), $"{d} is not a working day"));
        Assert.Equal(24, plan.Select(d => (d.Year, d.Month)).Distinct().Count()); // one a month, in its month
        Assert.Equal([new DateOnly(2026, 1, 2), new DateOnly(2026, 2, 2), new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 4)], plan.Take(5));
        Assert.All(p.Payments, x => Assert.True(WorkingDays.IsWorkingDay(x.DueOn), $"{x.DueOn} is not a working day"));
        Assert.Equal(new DateOnly(2027, 1, 4), p.Payments.Single(x => x.Year == 2027).DueOn); // not 2027-01-01, nyårsdagen
        Assert.All(p.Obligations(), o => Assert.True(WorkingDays.IsWorkingDay(o.By), $"{o.Key} is due on {o.By}, a day off"));
    }
}
