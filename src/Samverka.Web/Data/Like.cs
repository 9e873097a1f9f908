namespace Samverka.Web.Data;

/// <summary>LIKE patterns for the lower-cased search columns, the same on both providers.</summary>
public static class Like
{
    /// <summary>The escape character the patterns use (pass it to <c>EF.Functions.Like</c>).</summary>
    public const string Escape = "\\";

    /// <summary>"%term%" with the term's own %, _ and \ taken literally.</summary>
    public static string Containing(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
