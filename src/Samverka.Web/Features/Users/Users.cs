using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Organisations;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Users;

public sealed record UserDto(
    Guid Id, string Name, string Email, Role Role, string RoleName, Guid? MunicipalityId, Guid? CommitteeId, string[] OrganisationNumbers,
    bool TwoFactorEnabled, bool IsLockedOut, bool HasPassword, string ConcurrencyStamp);

/// <summary>What an administrator may set on an account. Passwords are never set by someone else: the person chooses one through an invitation link.</summary>
public sealed class UserInput
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public Role? Role { get; set; }

    /// <summary>Only system administrators choose the municipality; a municipal administrator's users belong to their own.</summary>
    public Guid? MunicipalityId { get; set; }

    /// <summary>For committee members: the committee they sit on (of the same municipality).</summary>
    public Guid? CommitteeId { get; set; }

    /// <summary>For organisation representatives: organisation numbers, separated by commas or new lines.</summary>
    public string? OrganisationNumbers { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed record InvitationDto(UserDto User, string InvitationUrl);

/// <summary>
/// Accounts, administered by system administrators (all) and municipal administrators (their
/// own municipality's staff). Identity's user table has no global scope filter (sign-in must
/// find any user), so this service is the one place that scopes it.
/// </summary>
public sealed class UserService(
    SamverkaDbContext db, UserManager<ApplicationUser> users, SamverkaSignInManager signIn, CurrentUserAccessor me, TimeProvider clock,
    ValidatedTokens tokens, Notifications.MailComposer mail)
{
    /// <summary>The roles the acting administrator may give.</summary>
    public IReadOnlyList<Role> AssignableRoles => me.User.SeesAllMunicipalities
        ? Enum.GetValues<Role>()
        : [Role.MunicipalAdministrator, Role.Official, Role.CommitteeMember, Role.Auditor];

    private IQueryable<ApplicationUser> Scoped()
    {
        var actor = me.User;
        var q = db.Users.AsQueryable();
        if (actor.SeesAllMunicipalities)
        {
            return q;
        }

        var municipalities = actor.Allows(Policies.ManageMunicipality) ? actor.MunicipalityIds : [];
        return q.Where(u => u.MunicipalityId != null && municipalities.Contains(u.MunicipalityId.Value));
    }

    public async Task<Page<UserDto>> ListAsync(string? query, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Page<UserDto>.Clamp(page, pageSize);
        var q = Scoped().AsNoTracking();
        if (Texts.Trimmed(query) is { } text)
        {
            text = text.Length > 100 ? text[..100] : text;
            var term = text.ToUpperInvariant();
            q = q.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.Contains(text));
        }

        var total = await q.CountAsync(ct);
        var list = await q.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Skip((number - 1) * size).Take(size)
            .Include(u => u.Organisations).ToListAsync(ct);
        return new(await ToDtosAsync(list, ct), number, size, total);
    }

    public Task<ApplicationUser?> FindAsync(Guid id, CancellationToken ct) =>
        Scoped().Include(u => u.Organisations).FirstOrDefaultAsync(u => u.Id == id, ct);

    public async Task<UserDto> ToDtoAsync(ApplicationUser user, CancellationToken ct) => (await ToDtosAsync([user], ct))[0];

    private async Task<IReadOnlyList<UserDto>> ToDtosAsync(IReadOnlyList<ApplicationUser> list, CancellationToken ct)
    {
        var organisationIds = list.SelectMany(u => u.Organisations.Select(o => o.OrganisationId)).Distinct().ToList();
        var numbers = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.OrgNumber, ct);
        var now = clock.GetUtcNow();
        return list.Select(u => new UserDto(u.Id, u.DisplayName, u.Email ?? "", u.Role, u.Role.Swedish(), u.MunicipalityId, u.CommitteeId,
            u.Organisations.Select(o => numbers.GetValueOrDefault(o.OrganisationId, "")).Order().ToArray(),
            u.TwoFactorEnabled, u.LockoutEnd > now, u.PasswordHash is not null, u.ConcurrencyStamp ?? "")).ToList();
    }

    public async Task<InvitationDto> CreateAsync(UserInput input, Func<ApplicationUser, string, string> invitationUrl, CancellationToken ct)
    {
        var user = new ApplicationUser { CreatedAt = clock.GetUtcNow(), EmailConfirmed = true };
        await ApplyAsync(user, input, ct);
        Check(await users.CreateAsync(user), nameof(UserInput.Email));
        return new InvitationDto(await ToDtoAsync(user, ct), await InvitationAsync(user, invitationUrl));
    }

    public async Task UpdateAsync(ApplicationUser user, UserInput input, CancellationToken ct)
    {
        if (input.ConcurrencyStamp is null)
        {
            throw new DomainException("Versionen saknas: läs kontot först och skicka med dess version.", nameof(UserInput.ConcurrencyStamp));
        }

        if (input.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            throw new DomainException("Kontot ändrades av någon annan medan du redigerade. Läs in det på nytt och gör om ändringen.", nameof(UserInput.ConcurrencyStamp));
        }

        var before = (user.Role, user.MunicipalityId, Organisations: user.Organisations.Select(o => o.OrganisationId).Order().ToList());
        await ApplyAsync(user, input, ct);
        Check(await users.UpdateAsync(user), nameof(UserInput.Email));
        if (before.Role != user.Role || before.MunicipalityId != user.MunicipalityId
            || !before.Organisations.SequenceEqual(user.Organisations.Select(o => o.OrganisationId).Order()))
        {
            // A new role or scope takes effect at once (scope travels in the session): every open session of the person ends.
            await EndSessionsAsync(user);
        }
    }

    public async Task SetLockedAsync(ApplicationUser user, bool locked)
    {
        if (user.Id == me.User.UserId)
        {
            throw new DomainException("Du kan inte spärra ditt eget konto.");
        }

        Check(await users.SetLockoutEndDateAsync(user, locked ? ApplicationUser.BlockedUntil : null), "");
        if (locked)
        {
            await EndSessionsAsync(user);
        }
    }

    private async Task EndSessionsAsync(ApplicationUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        await signIn.EndAllSessionsAsync(user.Id);
        tokens.ForgetAll(); // the person's tokens act with the new role and scope, or not at all, from the next request
    }

    /// <summary>A one-time link where the person chooses a password (also how a forgotten password is replaced). Valid one day.</summary>
    /// <remarks>The link is also e-mailed to the person (the outbox sends it); the administrator sees it too, to pass on if mail does not reach.</remarks>
    public async Task<string> InvitationAsync(ApplicationUser user, Func<ApplicationUser, string, string> invitationUrl)
    {
        var url = invitationUrl(user, await users.GeneratePasswordResetTokenAsync(user));
        if (!string.IsNullOrWhiteSpace(user.Email))
        {
            db.OutgoingMail.Add(mail.Invitation(user.Id, user.Email, user.DisplayName, url, me.User.Name, clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        return url;
    }

    private async Task ApplyAsync(ApplicationUser user, UserInput input, CancellationToken ct)
    {
        var actor = me.User;
        var name = Texts.Trimmed(input.Name) ?? "";
        if (name.Length is < 2 or > 200)
        {
            throw new DomainException("Ange personens namn.", nameof(UserInput.Name));
        }

        var email = Texts.Trimmed(input.Email) ?? "";
        if (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace))
        {
            throw new DomainException("Ange en giltig e-postadress.", nameof(UserInput.Email));
        }

        if (input.Role is not { } role || !AssignableRoles.Contains(role))
        {
            throw new DomainException("Välj en roll som du får dela ut.", nameof(UserInput.Role));
        }

        if (user.Id == actor.UserId && role != user.Role)
        {
            throw new DomainException("Du kan inte ändra din egen roll.", nameof(UserInput.Role));
        }

        Guid? municipality = null;
        if (role.IsMunicipal())
        {
            municipality = actor.SeesAllMunicipalities ? input.MunicipalityId : actor.MunicipalityIds.FirstOrDefault();
            if (municipality is null || !await db.Municipalities.AnyAsync(m => m.Id == municipality, ct))
            {
                throw new DomainException("Välj vilken kommun personen arbetar för.", nameof(UserInput.MunicipalityId));
            }
        }

        Guid? committee = null;
        if (role == Role.CommitteeMember && input.CommitteeId is { } committeeId)
        {
            committee = await db.Committees.AnyAsync(c => c.Id == committeeId && c.MunicipalityId == municipality, ct)
                ? committeeId
                : throw new DomainException("Välj en av kommunens nämnder.", nameof(UserInput.CommitteeId));
        }

        var organisations = new List<Guid>();
        if (role == Role.OrganisationRepresentative)
        {
            foreach (var text in (input.OrganisationNumbers ?? "").Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!OrgNumber.TryParse(text, out var number, out var error))
                {
                    throw new DomainException($"{text}: {error}", nameof(UserInput.OrganisationNumbers));
                }

                var id = await db.Organisations.Where(o => o.OrgNumber == number.ToString()).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct)
                    ?? throw new DomainException($"Organisationen {number} finns inte i registret. Registrera den först.", nameof(UserInput.OrganisationNumbers));
                organisations.Add(id);
            }

            if (organisations.Count == 0)
            {
                throw new DomainException("Ange organisationsnumret för den organisation personen företräder.", nameof(UserInput.OrganisationNumbers));
            }
        }

        user.DisplayName = name;
        user.Email = email;
        user.UserName = email;
        user.Role = role;
        user.MunicipalityId = municipality;
        user.CommitteeId = committee;
        user.Organisations.RemoveAll(o => !organisations.Contains(o.OrganisationId));
        foreach (var id in organisations.Where(id => user.Organisations.All(o => o.OrganisationId != id)))
        {
            user.Organisations.Add(new UserOrganisation { OrganisationId = id });
        }
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            var error = result.Errors.First();
            throw new DomainException(error.Description, error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(UserInput.Email) : field);
        }
    }
}
