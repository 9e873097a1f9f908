using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Users;

[Authorize(Policy = Policies.ManageMunicipality)]
public sealed class IndexModel(UserService users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public int? PageNumber { get; set; }

    public Page<UserDto> Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await users.ListAsync(Query, PageNumber, 25, ct);
}
