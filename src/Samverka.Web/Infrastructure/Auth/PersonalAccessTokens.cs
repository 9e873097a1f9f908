using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
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
        name = Texts.Trimmed(name) ?? "";
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
/// role and scope. An account an administrator has blocked stops its tokens; a temporary
/// lockout after wrong passwords does not (it guards the password, not the tokens). A token
/// found valid is remembered for <see cref="ValidatedTokens"/>' few seconds (ADR 0013), so a
/// signed-in API read does not pay a database round trip for its token.
/// </summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ValidatedTokens validated, TimeProvider clock)
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
        if (!secret.StartsWith(PersonalAccessTokenService.TokenPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return AuthenticateResult.Fail("Okänd nyckeltyp.");
        }

        var hash = PersonalAccessTokenService.Hash(secret);
        var now = clock.GetUtcNow();
        var owner = validated.Find(hash, now) ?? await LookUpAsync(hash, now);
        if (owner is null)
        {
            return AuthenticateResult.Fail("Nyckeln är ogiltig, har gått ut eller har återkallats, eller kontot är spärrat.");
        }

        var identity = new ClaimsIdentity(
            new[]
            {
                new Claim(ClaimTypes.NameIdentifier, owner.UserId.ToString()),
                new Claim(ClaimTypes.Name, owner.UserName),
                new Claim(SamverkaClaims.AuthMethod, "token"),
            }.Concat(SamverkaClaims.For(owner.Role, owner.DisplayName, owner.MunicipalityId, owner.Organisations)),
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>One round trip: the token, its owner and the owner's organisations.</summary>
    private async Task<ValidatedTokens.Owner?> LookUpAsync(string hash, DateTimeOffset now)
    {
        var db = Context.RequestServices.GetRequiredService<SamverkaDbContext>();
        var generation = validated.Generation();
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
        if (found is null || !found.Token.IsActive(now) || found.User is not { } user || ApplicationUser.IsBlocked(user.LockoutEnd))
        {
            return null;
        }

        if (found.Token.LastUsedAt is null || now - found.Token.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            await db.PersonalAccessTokens.Where(t => t.Id == found.Token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var owner = new ValidatedTokens.Owner(user.Id, user.UserName ?? "", user.DisplayName, user.Role, user.MunicipalityId,
            [.. user.Organisations], found.Token.ExpiresAt);
        validated.Remember(hash, owner, generation, now);
        return owner;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

/// <summary>
/// Tokens found valid in the last <see cref="AuthenticationSettings.TokenCacheSeconds"/> seconds
/// (ADR 0013). Revoking a token, blocking an account or changing a person's role or scope
/// forgets everything remembered on this instance at once; another instance forgets within
/// those seconds. Bounded in size; an invalid token is never remembered.
/// </summary>
public sealed class ValidatedTokens(IOptions<AuthenticationSettings> settings) : IDisposable
{
    public sealed record Owner(Guid UserId, string UserName, string DisplayName, Role Role, Guid? MunicipalityId,
        Guid[] Organisations, DateTimeOffset ExpiresAt);

    private sealed record Entry(Owner Owner, long Generation, DateTimeOffset Until);

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(Math.Clamp(settings.Value.TokenCacheSeconds, 0, 300));
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private long _generation;

    /// <summary>Read before the database is asked, so an answer that raced with <see cref="ForgetAll"/> is not remembered.</summary>
    public long Generation() => Interlocked.Read(ref _generation);

    public Owner? Find(string hash, DateTimeOffset now) =>
        _cache.TryGetValue(hash, out Entry? e) && e!.Generation == Generation() && now < e.Until && now < e.Owner.ExpiresAt ? e.Owner : null;

    public void Remember(string hash, Owner owner, long generation, DateTimeOffset now)
    {
        if (_lifetime > TimeSpan.Zero && generation == Generation())
        {
            _cache.Set(hash, new Entry(owner, generation, now + _lifetime),
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
        }
    }

    /// <summary>
    /// After a token is revoked or a person's access changes. Everything is forgotten, not only
    /// that person's tokens: such changes are rare, and the next request of each token pays one lookup.
    /// </summary>
    public void ForgetAll() => Interlocked.Increment(ref _generation);

    public void Dispose() => _cache.Dispose();
}
