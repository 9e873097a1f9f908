using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samverka.Web.Data;

namespace Samverka.Web.Infrastructure.Auth;

/// <summary>Puts role, municipality and organisations into the principal; the rest of the app reads <see cref="CurrentUser"/>.</summary>
public sealed class SamverkaClaimsFactory(
    UserManager<ApplicationUser> users, IOptions<IdentityOptions> options, SamverkaDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var organisations = await db.UserOrganisations.AsNoTracking()
            .Where(x => x.UserId == user.Id).Select(x => x.OrganisationId).ToListAsync();
        identity.AddClaims(SamverkaClaims.For(user.Role, user.DisplayName, user.MunicipalityId, organisations));
        return identity;
    }
}

/// <summary>
/// Every cookie sign-in opens a server-side <see cref="UserSession"/> whose id travels in the
/// cookie; signing out ends it, so a copied cookie is worthless afterwards.
/// </summary>
public sealed class SamverkaSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    SamverkaDbContext db,
    TimeProvider clock,
    IOptions<AuthenticationSettings> settings)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties,
        IEnumerable<Claim> additionalClaims)
    {
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            UserId = user.Id,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now.AddHours(settings.Value.AbsoluteTimeoutHours),
            UserAgent = Context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 300)] : null,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        await base.SignInWithClaimsAsync(user, authenticationProperties,
            additionalClaims.Append(new Claim(SamverkaClaims.Session, session.Id.ToString())));
    }

    /// <summary>Ends every open session of the user (after a password change or reset).</summary>
    public Task EndAllSessionsAsync(Guid userId) =>
        db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow()));

    public override async Task SignOutAsync()
    {
        if (Guid.TryParse(Context.User.FindFirstValue(SamverkaClaims.Session), out var sessionId))
        {
            await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow()));
        }

        await base.SignOutAsync();
    }
}

public sealed class AuthenticationSettings
{
    public int IdleTimeoutMinutes { get; set; } = 30;
    public int AbsoluteTimeoutHours { get; set; } = 10;
    public int LockoutMinutes { get; set; } = 15;
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a token found valid is believed without asking the database again (ADR 0013); 0 asks every time.</summary>
    public int TokenCacheSeconds { get; set; } = 30;
    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();
}

public sealed class OpenIdConnectSettings
{
    public bool Enabled { get; set; }
    public string DisplayName { get; set; } = "E-legitimation";
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string EmailClaim { get; set; } = "email";
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Link an identity to an account by e-mail only when the provider says the address is verified (email_verified).</summary>
    public bool RequireVerifiedEmail { get; set; } = true;
}

/// <summary>Checks on every request that the cookie's server-side session is alive, and applies the idle and absolute time-outs.</summary>
public static class SessionValidator
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<IOptions<AuthenticationSettings>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var db = services.GetRequiredService<SamverkaDbContext>();
        var now = clock.GetUtcNow();

        var alive = Guid.TryParse(context.Principal?.FindFirstValue(SamverkaClaims.Session), out var sessionId)
            && await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.EndedAt, s.ExpiresAt, s.LastSeenAt })
                .FirstOrDefaultAsync() is { EndedAt: null } session
            && session.ExpiresAt > now
            && session.LastSeenAt.AddMinutes(settings.IdleTimeoutMinutes) > now
            && await Touch(db, sessionId, session.LastSeenAt, now);

        if (!alive)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static async Task<bool> Touch(SamverkaDbContext db, Guid sessionId, DateTimeOffset lastSeen, DateTimeOffset now)
    {
        if (now - lastSeen >= TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));
        }

        return true;
    }
}
