namespace Samverka.Web.Features.Shared;

/// <summary>The model of _Pager: which page, how many, and the search term to keep in the links.</summary>
public sealed record Pager(int PageNumber, int PageCount, string? Query = null, string PreviousText = "Föregående sida", string NextText = "Nästa sida",
    string? Filters = null)
{
    /// <summary>The link to a page; <see cref="Filters"/> is a ready-made query string ("visa=alla") kept on every page.</summary>
    public string Href(int page) =>
        "?" + (string.IsNullOrEmpty(Filters) ? "" : Filters + "&") + (string.IsNullOrWhiteSpace(Query) ? "" : $"q={Uri.EscapeDataString(Query)}&") + $"sida={page}";
}
