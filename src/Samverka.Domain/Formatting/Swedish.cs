using System.Globalization;
using Samverka.Domain.Common;

namespace Samverka.Domain.Formatting;

/// <summary>
/// Numbers, money and dates the way Swedish users write them: <c>2 500 kr</c>, <c>500 tkr</c>,
/// <c>1 760 tim</c>, <c>19,6</c>, <c>2026-11-23</c>. Written by hand rather than through the
/// sv-SE culture so output is the same whatever ICU the machine has. Group separator and the
/// space before a unit are no-break spaces (U+00A0) so an amount never wraps.
/// </summary>
public static class Swedish
{
    public const char NoBreakSpace = '\u00A0';

    public static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = NoBreakSpace.ToString(),
        NumberGroupSizes = [3],
        NegativeSign = "−",
    };

    /// <summary>A number with Swedish grouping; decimals only where the value has them (at most <paramref name="maxDecimals"/>).</summary>
    public static string Number(decimal value, int maxDecimals = 2)
    {
        var rounded = Math.Round(value, maxDecimals, MidpointRounding.AwayFromZero);
        var format = rounded == decimal.Truncate(rounded) ? "#,0" : "#,0." + new string('#', maxDecimals);
        return rounded.ToString(format, Numbers);
    }

    public static string Kronor(decimal amount) => Number(amount) + NoBreakSpace + "kr";

    /// <summary>Whole thousands of kronor, rounded half away from zero: 19 600 kr → 20 tkr.</summary>
    public static string Tkr(decimal amount) =>
        Number(Math.Round(amount / 1000m, 0, MidpointRounding.AwayFromZero)) + NoBreakSpace + "tkr";

    public static string Hours(decimal hours) => Number(hours) + NoBreakSpace + "tim";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The Stockholm calendar day of an instant: the one way Samverka turns an instant into a day.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Stockholm).DateTime);

    /// <summary>The Stockholm calendar day of an instant.</summary>
    public static string Date(DateTimeOffset instant) => Date(DayOf(instant));

    /// <summary>A UTC instant shown as Stockholm wall-clock time: 2026-11-23 21:05.</summary>
    public static string DateTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Stockholm).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Today in Stockholm, which is what "today" means everywhere in Samverka (not the UTC date).</summary>
    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>
    /// Reads an amount as typed: <c>2 500</c>, <c>2 500 kr</c>, <c>2500,50</c>, <c>500 tkr</c>,
    /// <c>19,6 tkr</c>, <c>1,5 mkr</c>. Returns kronor.
    /// </summary>
    public static bool TryParseKronor(string? input, out decimal kronor, out string? error)
    {
        kronor = 0;
        var text = (input ?? "").Trim().ToLowerInvariant()
            .Replace(NoBreakSpace, ' ').Replace('\u202F', ' ').Replace('−', '-');
        var factor = 1m;
        foreach (var (suffix, f) in new[] { ("mkr", 1_000_000m), ("tkr", 1000m), ("kr", 1m), (":-", 1m) })
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                text = text[..^suffix.Length].Trim();
                factor = f;
                break;
            }
        }

        text = text.Replace(" ", "", StringComparison.Ordinal);
        if (text.Length == 0 || text.Contains('.', StringComparison.Ordinal) && text.Contains(',', StringComparison.Ordinal))
        {
            error = "Ange ett belopp, till exempel 2 500 kr eller 500 tkr.";
            return false;
        }

        if (!decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value))
        {
            error = "Beloppet kan inte läsas. Skriv till exempel 2 500 kr eller 500 tkr.";
            return false;
        }

        if (Math.Abs(value) > 1_000_000_000_000m / factor)
        {
            error = "Beloppet är för stort.";
            return false;
        }

        kronor = value * factor;
        error = null;
        return true;
    }

    public static decimal ParseKronor(string? input, string field) =>
        TryParseKronor(input, out var kronor, out var error) ? kronor : throw new DomainException(error!, field);
}
