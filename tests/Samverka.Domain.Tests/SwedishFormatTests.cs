using Samverka.Domain.Formatting;

namespace Samverka.Domain.Tests;

public sealed class SwedishFormatTests
{
    private static string Plain(string s) => s.Replace(Swedish.NoBreakSpace, ' ');

    [Theory]
    [InlineData(2500, "2 500 kr")]
    [InlineData(990440, "990 440 kr")]
    [InlineData(19.6, "19,6 kr")]
    [InlineData(0, "0 kr")]
    [InlineData(-1200, "−1 200 kr")]
    public void Kronor(decimal amount, string expected) => Assert.Equal(expected, Plain(Swedish.Kronor(amount)));

    [Theory]
    [InlineData(500000, "500 tkr")]
    [InlineData(19600, "20 tkr")]     // Söråker: 196 tkr × 10 % shown as 20
    [InlineData(235840, "236 tkr")]   // Söråker: 44 × 40 × 134 kr shown as 236
    [InlineData(165000, "165 tkr")]   // Söråker: 44 × 3 750 kr
    [InlineData(990440, "990 tkr")]
    [InlineData(1500, "2 tkr")]
    public void Thousands_are_rounded_half_away_from_zero(decimal amount, string expected) =>
        Assert.Equal(expected, Plain(Swedish.Tkr(amount)));

    [Theory]
    [InlineData("2026-12-01T23:30:00Z", "2026-12-02")] // winter: UTC+1, the UTC date is still yesterday's
    [InlineData("2026-06-30T22:30:00Z", "2026-07-01")] // summer: UTC+2
    [InlineData("2026-12-01T22:59:59Z", "2026-12-01")]
    public void A_day_is_the_day_in_Stockholm_not_in_UTC(string instant, string day) =>
        Assert.Equal(day, Swedish.Date(Swedish.DayOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>
    /// An instant becomes a day in one place (Swedish.DayOf), so no check counts the UTC date as
    /// today: between midnight and one (two in summer) o'clock in Stockholm that date is yesterday.
    /// The code and the tests are read for the ways of doing it differently.
    /// </summary>
    [Fact]
    public void No_code_or_test_turns_an_instant_into_a_day_except_in_one_place()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "README.md")) || !Directory.Exists(Path.Combine(root, "src")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        string[] forbidden = ["DateOnly.FromDateTime(", "DateTime.Today", "DateTime.Now", "DateTimeOffset.Now"];
        var offenders = new[] { "src", "tests" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith("SwedishFormatTests.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => forbidden.Any(x.line.Contains) && !(x.f.EndsWith($"Formatting{Path.DirectorySeparatorChar}Swedish.cs", StringComparison.Ordinal) && x.line.Contains("DayOf(", StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Use Swedish.DayOf / Swedish.Today:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Hours_are_grouped() => Assert.Equal("1 760 tim", Plain(Swedish.Hours(44 * 40)));

    [Fact]
    public void Amounts_never_break_across_lines() => Assert.DoesNotContain(' ', Swedish.Kronor(2500));

    [Theory]
    [InlineData("2 500 kr", 2500)]
    [InlineData("2500", 2500)]
    [InlineData("500 tkr", 500000)]
    [InlineData("19,6 tkr", 19600)]
    [InlineData("1,5 mkr", 1500000)]
    [InlineData("2 500,50", 2500.50)]
    [InlineData("2\u00A0500\u00A0kr", 2500)]
    [InlineData("3 750:-", 3750)]
    public void Amounts_are_read_as_Swedish_users_write_them(string input, decimal expected)
    {
        Assert.True(Swedish.TryParseKronor(input, out var kronor, out var error), error);
        Assert.Equal(expected, kronor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tvåtusen")]
    [InlineData("2.500,00")]
    [InlineData("79228162514264337593543950335 mkr")]
    [InlineData("2 000 000 000 tkr")]
    public void Unreadable_amounts_get_a_Swedish_message(string input)
    {
        Assert.False(Swedish.TryParseKronor(input, out _, out var error));
        Assert.Contains("belopp", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Dates_are_ISO_and_instants_Stockholm_time()
    {
        Assert.Equal("2026-11-23", Swedish.Date(new DateOnly(2026, 11, 23)));
        Assert.Equal("2026-11-23 21:05", Swedish.DateTime(new DateTimeOffset(2026, 11, 23, 20, 5, 0, TimeSpan.Zero)));   // CET, UTC+1
        Assert.Equal("2026-07-01 14:00", Swedish.DateTime(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));     // CEST, UTC+2
    }
}
