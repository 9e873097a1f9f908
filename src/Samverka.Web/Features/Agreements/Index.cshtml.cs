using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Agreements;

/// <summary>The agreements the user sees (/overenskommelser), newest first, optionally by state.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(AgreementService agreements) : PageModel
{
    [FromQuery(Name = "visa")]
    public string? Show { get; set; }

    [FromQuery(Name = "sida")]
    public int? PageNumber { get; set; }

    public Page<AgreementSummaryDto> Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await agreements.ListAsync(Show, PageNumber, 25, ct);

    public string? Filters => string.IsNullOrEmpty(Show) ? null : $"visa={Uri.EscapeDataString(Show)}";
}
