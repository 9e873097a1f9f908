using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samverka.Domain.Common;
using Samverka.Web.Data;

namespace Samverka.Web.Infrastructure.Auth;

/// <summary>Issues, lists and revokes personal access tokens. The secret is shown once and only its hash is kept.</summary>
public sealed class PersonalAccessTokenService(SamverkaDbContext db, TimeProvider clock)
{
    public const string TokenPrefix = "svk_";
    public const int MaxDays = 366;

    public async Task<(PersonalAccessToken Token, string Secret)> CreateAsync(Guid userId, string name, int days, CancellationToken ct)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 100)
        {
            throw new DomainException("Ge nyckeln ett namn (högst 100 tecken), till exempel vad den ska användas till.", "Name");
        }

        if (days is < 1 or > MaxDays)
        {
            throw new DomainException($"Giltighetstiden ska vara 1–{MaxDays} dagar.", "Days");
        }

        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = name,
            Prefix = secret[..10],
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// <c>Authorization: Bearer svk_…</c>. The token acts as its owner, with the owner's current
/// role and scope; a locked-out owner's tokens stop working at once.
/// </summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SamverkaDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(PersonalAccessTokenService.TokenPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Okänd nyckeltyp.");
        }

        var hash = PersonalAccessTokenService.Hash(secret);
        var now = clock.GetUtcNow();
        // One round trip: the token, its owner and the owner's organisations.
        var found = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.SecretHash == hash)
            .Select(t => new
            {
                Token = t,
                User = db.Users.Where(u => u.Id == t.UserId).Select(u => new
                {
                    u.Id, u.UserName, u.DisplayName, u.Role, u.MunicipalityId, u.LockoutEnd,
                    Organisations = u.Organisations.Select(o => o.OrganisationId).ToList(),
                }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || !found.Token.IsActive(now))
        {
            return AuthenticateResult.Fail("Nyckeln är ogiltig, har gått ut eller har återkallats.");
        }

        if (found.User is not { } user || user.LockoutEnd > now)
        {
            return AuthenticateResult.Fail("Kontot är spärrat.");
        }

        if (found.Token.LastUsedAt is null || now - found.Token.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            await db.PersonalAccessTokens.Where(t => t.Id == found.Token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            new[]
            {
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.UserName ?? ""),
                new Claim(SamverkaClaims.AuthMethod, "token"),
            }.Concat(SamverkaClaims.For(user.Role, user.DisplayName, user.MunicipalityId, user.Organisations)),
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
