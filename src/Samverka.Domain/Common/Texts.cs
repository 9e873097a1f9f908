namespace Samverka.Domain.Common;

/// <summary>
/// How every text a person types is taken in: surrounding white space removed, empty means
/// absent, and a bound checked with a Swedish message naming the field. The one place for it.
/// </summary>
public static class Texts
{
    /// <summary>
    /// Trimmed, without control characters other than line breaks and tabs (a NUL cannot even be
    /// stored in PostgreSQL), or null when nothing is left.
    /// </summary>
    public static string? Trimmed(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Any(IsStrayControl))
        {
            value = new string(value.Where(c => !IsStrayControl(c)).ToArray());
        }

        var text = value.Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>What a search box's text is matched as: trimmed, lower case, single spaces, at most 100 characters; null when empty.</summary>
    public static string? SearchTerm(string? query)
    {
        if (Trimmed(query) is not { } text)
        {
            return null;
        }

        var term = string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return term.Length > 100 ? term[..100] : term;
    }

    private static bool IsStrayControl(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');

    /// <summary>Trimmed and at most <paramref name="max"/> characters, or null when empty.</summary>
    public static string? Optional(string? value, string field, int max) =>
        Trimmed(value) is { } text && text.Length > max ? throw TooLong(field, max) : Trimmed(value);

    /// <summary>Trimmed and at most <paramref name="max"/> characters; empty is refused with <paramref name="message"/>.</summary>
    public static string Required(string? value, string message, string field, int max) =>
        Optional(value, field, max) ?? throw new DomainException(message, field);

    private static DomainException TooLong(string field, int max) => new($"Högst {max} tecken.", field);

    /// <summary>
    /// A list a person fills in is bounded by what a real agreement needs; more is refused with a
    /// Swedish message naming the field, before any of it is looked at.
    /// </summary>
    public static void AtMost(int count, int max, string field, string what)
    {
        if (count > max)
        {
            throw new DomainException($"Högst {max} {what}.", field);
        }
    }
}
