using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Users;

/// <summary>Adds an account (/anvandare/ny) or changes one; locks, unlocks and issues invitation links.</summary>
[Authorize(Policy = Policies.ManageMunicipality)]
public sealed class EditModel(UserService users, SamverkaDbContext db, CurrentUserAccessor me) : PageModel, IReloadsOnError
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    [FromRoute]
    public Guid? Id { get; set; }

    public bool IsNew => Id is null;
    public UserDto? Current { get; private set; }
    public string? InvitationUrl { get; private set; }
    public IEnumerable<SelectListItem> RoleOptions => users.AssignableRoles.Select(r => new SelectListItem(r.Swedish(), r.ToString()));
    public List<SelectListItem> MunicipalityOptions { get; private set; } = [];
    public List<SelectListItem> CommitteeOptions { get; private set; } = [];
    public bool ChoosesMunicipality => me.User.SeesAllMunicipalities;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Current is not null)
        {
            Input = InputFrom(Current);
        }

        InvitationUrl = TempData[nameof(InvitationUrl)] as string;

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (IsNew)
        {
            var created = await users.CreateAsync(Input, (u, token) => UsersApi.InvitationUrl(Request, u, token), ct);
            // To the account's own address, so a reload or a second save cannot create it again. The
            // one-time link rides along in TempData (an encrypted cookie, read once).
            Message = "Kontot är skapat.";
            TempData[nameof(InvitationUrl)] = created.InvitationUrl;
            return Redirect($"/anvandare/{created.User.Id}/redigera");
        }

        var user = (await users.FindAsync(Id!.Value, ct))!;
        await users.UpdateAsync(user, Input, ct);
        Message = "Kontot är sparat.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostInvitationAsync(CancellationToken ct) =>
        await WithUserAsync(async user =>
        {
            InvitationUrl = await users.InvitationAsync(user, (u, token) => UsersApi.InvitationUrl(Request, u, token));
            return Page();
        }, ct);

    public Task<IActionResult> OnPostLockAsync(CancellationToken ct) => SetLockedAsync(true, ct);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken ct) => SetLockedAsync(false, ct);

    private Task<IActionResult> SetLockedAsync(bool locked, CancellationToken ct) =>
        WithUserAsync(async user =>
        {
            await users.SetLockedAsync(user, locked);
            Message = locked ? "Kontot är spärrat och alla dess sessioner är avslutade." : "Spärren är hävd.";
            return RedirectToPage(new { id = Id });
        }, ct);

    private async Task<IActionResult> WithUserAsync(Func<ApplicationUser, Task<IActionResult>> action, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(ct) || Current is null)
        {
            return NotFound();
        }

        Input = InputFrom(Current);
        return await action((await users.FindAsync(Id!.Value, ct))!);
    }

    private static UserInput InputFrom(UserDto user) => new()
    {
        Name = user.Name, Email = user.Email, Role = user.Role, MunicipalityId = user.MunicipalityId, CommitteeId = user.CommitteeId,
        OrganisationNumbers = string.Join(", ", user.OrganisationNumbers), ConcurrencyStamp = user.ConcurrencyStamp,
    };

    public Task ReloadAsync() => LoadAsync(HttpContext.RequestAborted);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        MunicipalityOptions = await db.Municipalities.OrderBy(m => m.Name).Take(500)
            .Select(m => new SelectListItem(m.Name, m.Id.ToString())).ToListAsync(ct);
        var names = MunicipalityOptions.ToDictionary(m => m.Value, m => m.Text);
        CommitteeOptions = (await db.Committees.OrderBy(c => c.Name).Take(500).Select(c => new { c.Id, c.Name, c.MunicipalityId }).ToListAsync(ct))
            .Select(c => new SelectListItem(ChoosesMunicipality ? $"{names.GetValueOrDefault(c.MunicipalityId.ToString())}: {c.Name}" : c.Name, c.Id.ToString()))
            .OrderBy(c => c.Text, StringComparer.Create(new System.Globalization.CultureInfo("sv-SE"), false)).ToList();
        if (Id is not { } id)
        {
            return true;
        }

        if (await users.FindAsync(id, ct) is not { } user)
        {
            return false;
        }

        Current = await users.ToDtoAsync(user, ct);
        return true;
    }
}
