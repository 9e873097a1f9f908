namespace Samverka.Domain.Common;

/// <summary>
/// How every text a person types is taken in: surrounding white space removed, empty means
/// absent, and a bound checked with a Swedish message naming the field. The one place for it.
/// </summary>
public static class Texts
{
    /// <summary>Trimmed, or null when empty or only white space.</summary>
    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Trimmed and at most <paramref name="max"/> characters, or null when empty.</summary>
    public static string? Optional(string? value, string field, int max) =>
        Trimmed(value) is { } text && text.Length > max ? throw TooLong(field, max) : Trimmed(value);

    /// <summary>Trimmed and at most <paramref name="max"/> characters; empty is refused with <paramref name="message"/>.</summary>
    public static string Required(string? value, string message, string field, int max) =>
        Optional(value, field, max) ?? throw new DomainException(message, field);

    private static DomainException TooLong(string field, int max) => new($"Högst {max} tecken.", field);
}
