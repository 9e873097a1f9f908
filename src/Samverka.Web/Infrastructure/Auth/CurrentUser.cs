using System.Security.Claims;
using Samverka.Domain.Common;

namespace Samverka.Web.Infrastructure.Auth;

/// <summary>
/// Who is acting, and what they may see. The database scope filters and the authorization
/// policies read this one object; nothing else decides scope.
/// </summary>
public sealed class CurrentUser
{
    public static readonly CurrentUser Anonymous = new(null, "Anonym", null, [], [], isSystem: false);

    /// <summary>The application itself (start-up, command line, background jobs): sees everything.</summary>
    public static readonly CurrentUser System = new(null, "System", null, [], [], isSystem: true);

    public CurrentUser(Guid? userId, string name, Role? role, Guid[] municipalityIds,
        Guid[] organisationIds, bool isSystem = false)
    {
        UserId = userId;
        Name = name;
        Role = role;
        MunicipalityIds = municipalityIds;
        OrganisationIds = organisationIds;
        IsSystem = isSystem;
    }

    public Guid? UserId { get; }
    public string Name { get; }
    public Role? Role { get; }
    public bool IsSystem { get; }
    public bool IsAuthenticated => UserId is not null;

    /// <summary>Municipalities whose records this user sees (a set, so a user or a record may span several).</summary>
    public Guid[] MunicipalityIds { get; }

    /// <summary>For organisation representatives: the organisations they act for.</summary>
    public Guid[] OrganisationIds { get; }

    /// <summary>Sees every tenant: the system itself and system administrators.</summary>
    public bool SeesAllMunicipalities => IsSystem || Role == Domain.Common.Role.SystemAdministrator;

    /// <summary>Organisation representatives see only their own organisations.</summary>
    public bool IsOrganisationBound => Role == Domain.Common.Role.OrganisationRepresentative;

    /// <summary>A person acting without a session (their calendar feed): the same scope a sign-in gives them, built the same way.</summary>
    public static CurrentUser Of(Guid id, Role role, string displayName, Guid? municipalityId, IEnumerable<Guid> organisationIds) =>
        FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id.ToString()), .. SamverkaClaims.For(role, displayName, municipalityId, organisationIds)], "Samverka")));

    public static CurrentUser FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || !Enum.TryParse<Role>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return Anonymous;
        }

        var municipalities = principal.FindAll(SamverkaClaims.Municipality)
            .Select(c => Guid.TryParse(c.Value, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToArray();
        var organisations = principal.FindAll(SamverkaClaims.Organisation)
            .Select(c => Guid.TryParse(c.Value, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToArray();
        return new CurrentUser(id, principal.FindFirstValue(SamverkaClaims.DisplayName) ?? principal.Identity.Name ?? "",
            role, municipalities, organisations);
    }
}

public static class SamverkaClaims
{
    public const string Municipality = "samverka:municipality";
    public const string Organisation = "samverka:organisation";
    public const string DisplayName = "samverka:name";
    public const string Session = "samverka:session";
    public const string AuthMethod = "samverka:auth";

    /// <summary>What Samverka adds to a principal, for cookie sign-in and tokens alike; <see cref="CurrentUser.FromPrincipal"/> reads it back.</summary>
    public static IEnumerable<Claim> For(Role role, string displayName, Guid? municipalityId, IEnumerable<Guid> organisationIds)
    {
        yield return new Claim(ClaimTypes.Role, role.ToString());
        yield return new Claim(DisplayName, displayName);
        if (municipalityId is { } municipality)
        {
            yield return new Claim(Municipality, municipality.ToString());
        }

        foreach (var organisation in organisationIds)
        {
            yield return new Claim(Organisation, organisation.ToString());
        }
    }
}

/// <summary>Resolves <see cref="CurrentUser"/> once per request (or scope).</summary>
public sealed class CurrentUserAccessor(IHttpContextAccessor http)
{
    private CurrentUser? _override;
    private (ClaimsPrincipal Principal, CurrentUser User)? _resolved;

    /// <summary>
    /// Re-read when the request's principal changes (authentication runs after the first
    /// database use of a request, e.g. while validating the session cookie).
    /// </summary>
    public CurrentUser User
    {
        get
        {
            if (_override is not null)
            {
                return _override;
            }

            if (http.HttpContext is not { } ctx)
            {
                return CurrentUser.System;
            }

            if (_resolved is not { } r || !ReferenceEquals(r.Principal, ctx.User))
            {
                _resolved = r = (ctx.User, CurrentUser.FromPrincipal(ctx.User));
            }

            return r.User;
        }
    }

    /// <summary>For command-line and background work in this scope.</summary>
    public void ActAs(CurrentUser user) => _override = user;
}
