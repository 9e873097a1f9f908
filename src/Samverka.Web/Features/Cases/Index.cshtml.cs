using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Cases;

/// <summary>The cases the user sees (/arenden); with ?beslut=1 the queue of cases awaiting a decision.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(CaseService cases, CurrentUserAccessor me) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "visa")]
    public string? Show { get; set; }

    /// <summary>The queue's link is <c>?beslut=1</c>; a bool would not bind "1" and silently show every case.</summary>
    [FromQuery(Name = "beslut")]
    public string? Decision { get; set; }

    public bool AwaitingDecision => Decision is "1" or "true" or "ja";

    [FromQuery(Name = "sida")]
    public int? PageNumber { get; set; }

    public Page<CaseSummaryDto> Result { get; private set; } = null!;
    public bool CanOpen => me.User.Allows(Policies.OpenCases);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await cases.ListAsync(Query, Show, AwaitingDecision, PageNumber, 25, ct);

    public string? Filters => AwaitingDecision ? "beslut=1" : string.IsNullOrEmpty(Show) ? null : $"visa={Uri.EscapeDataString(Show)}";
}
