namespace Samverka.Domain.Deadlines;

/// <summary>
/// The Swedish working calendar: weekends, the public holidays of Lag (1989:253) om allmänna
/// helgdagar (Easter-dependent ones computed), and the eves on which municipal offices are closed
/// (midsommarafton, julafton, nyårsafton). Meetings are planned on working days, and a deadline
/// that falls on a day off moves to the next working day, as Lag (1930:173) om beräkning av
/// lagstadgad tid does for statutory time.
/// </summary>
public static class WorkingDays
{
    /// <summary>Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The name of the public holiday or closed eve on a day, or null on an ordinary day (weekends are not named).</summary>
    public static string? DayOff(DateOnly date)
    {
        var easter = EasterSunday(date.Year);
        var midsummer = FirstOnOrAfter(new DateOnly(date.Year, 6, 20), DayOfWeek.Saturday);
        var allSaints = FirstOnOrAfter(new DateOnly(date.Year, 10, 31), DayOfWeek.Saturday);
        return (date.Month, date.Day) switch
        {
            (1, 1) => "nyårsdagen",
            (1, 6) => "trettondedag jul",
            (5, 1) => "första maj",
            (6, 6) => "Sveriges nationaldag",
            (12, 24) => "julafton",
            (12, 25) => "juldagen",
            (12, 26) => "annandag jul",
            (12, 31) => "nyårsafton",
            _ when date == easter.AddDays(-2) => "långfredagen",
            _ when date == easter => "påskdagen",
            _ when date == easter.AddDays(1) => "annandag påsk",
            _ when date == easter.AddDays(39) => "Kristi himmelsfärdsdag",
            _ when date == easter.AddDays(49) => "pingstdagen",
            _ when date == midsummer.AddDays(-1) => "midsommarafton",
            _ when date == midsummer => "midsommardagen",
            _ when date == allSaints => "alla helgons dag",
            _ => null,
        };
    }

    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && DayOff(date) is null;

    /// <summary>The day itself if it is a working day, else the next one (a deadline on a day off moves forward).</summary>
    public static DateOnly OnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>The day itself if it is a working day, else the one before.</summary>
    public static DateOnly OnOrBefore(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    /// <summary>A meeting planned for a day: that day if it is a working day, else the next working day in the same month, else the last one before it.</summary>
    public static DateOnly MeetingDay(DateOnly planned)
    {
        var next = OnOrAfter(planned);
        return next.Month == planned.Month ? next : OnOrBefore(planned);
    }

    private static DateOnly FirstOnOrAfter(DateOnly date, DayOfWeek day) => date.AddDays(((int)day - (int)date.DayOfWeek + 7) % 7);
}
