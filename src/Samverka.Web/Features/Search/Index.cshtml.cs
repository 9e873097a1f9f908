using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Search;

/// <summary>The header's search (/sok): the first hits of each kind, or one kind page by page.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(SearchService search) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "typ")]
    public string? Kind { get; set; }

    [FromQuery(Name = "sida")]
    public int? PageNumber { get; set; }

    public SearchResultDto Result { get; private set; } = new("", []);

    /// <summary>The kind being paged through, or null when every kind's first hits are shown.</summary>
    public string? OneKind => SearchService.Kinds.Any(k => k.Kind == Kind) ? Kind : null;

    public async Task OnGetAsync(CancellationToken ct) => Result = await search.SearchAsync(Query, OneKind, PageNumber, 25, ct);
}
