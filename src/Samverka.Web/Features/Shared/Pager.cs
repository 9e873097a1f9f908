namespace Samverka.Web.Features.Shared;

/// <summary>The model of _Pager: which page, how many, and the search term to keep in the links.</summary>
public sealed record Pager(int PageNumber, int PageCount, string? Query = null, string PreviousText = "Föregående sida", string NextText = "Nästa sida")
{
    public string Href(int page) =>
        string.IsNullOrWhiteSpace(Query) ? $"?sida={page}" : $"?q={Uri.EscapeDataString(Query)}&sida={page}";
}
