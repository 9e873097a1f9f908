using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Account;

public sealed record MeDto(Guid Id, string Name, Role Role, string RoleName, Guid[] MunicipalityIds, Guid[] OrganisationIds);

public sealed record TokenDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public static TokenDto From(PersonalAccessToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);
}

public sealed record CreatedTokenDto(TokenDto Token, string Secret);

public sealed class TokenInput
{
    public string Name { get; set; } = "";
    public int Days { get; set; } = 90;
}

/// <summary>The signed-in user's own tokens. Every query is by the acting user's id, so nobody reaches another's tokens.</summary>
public sealed class TokenService(SamverkaDbContext db, PersonalAccessTokenService tokens, ValidatedTokens validated, TimeProvider clock)
{
    public async Task<IReadOnlyList<TokenDto>> ListAsync(Guid userId, CancellationToken ct) =>
        (await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).Take(100).ToListAsync(ct))
        .Select(TokenDto.From).ToList();

    public async Task<CreatedTokenDto> CreateAsync(Guid userId, TokenInput input, CancellationToken ct)
    {
        var (token, secret) = await tokens.CreateAsync(userId, input.Name, input.Days, ct);
        return new CreatedTokenDto(TokenDto.From(token), secret);
    }

    public async Task<bool> RevokeAsync(Guid userId, Guid id, CancellationToken ct)
    {
        var revoked = await db.PersonalAccessTokens.Where(t => t.Id == id && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), ct) > 0;
        validated.ForgetAll();
        return revoked;
    }
}

public static class AccountApi
{
    public static void MapAccountApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Mitt konto").RequireAuthorization(Policies.SignedIn);

        me.MapGet("/", (CurrentUserAccessor users) =>
        {
            var u = users.User;
            return TypedResults.Ok(new MeDto(u.UserId!.Value, u.Name, u.Role!.Value, u.Role.Value.Swedish(), u.MunicipalityIds, u.OrganisationIds));
        });

        me.MapGet("/tokens", (CurrentUserAccessor users, TokenService tokens, CancellationToken ct) => tokens.ListAsync(users.User.UserId!.Value, ct));

        me.MapPost("/tokens", async Task<Results<Created<CreatedTokenDto>, ProblemHttpResult>> (
            TokenInput input, HttpContext http, CurrentUserAccessor users, TokenService tokens, CancellationToken ct) =>
        {
            if (http.User.Identity?.AuthenticationType == PersonalAccessTokenHandler.SchemeName)
            {
                // A leaked token must not be able to mint fresh ones that outlive its revocation.
                return TypedResults.Problem(statusCode: 403, title: "Ingen behörighet",
                    detail: "En åtkomstnyckel kan inte skapa nya nycklar. Skapa nycklar inloggad på sidan Mitt konto.");
            }

            var created = await tokens.CreateAsync(users.User.UserId!.Value, input, ct);
            return TypedResults.Created($"/api/v1/me/tokens/{created.Token.Id}", created);
        });

        me.MapDelete("/tokens/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, CurrentUserAccessor users, TokenService tokens, CancellationToken ct) =>
            await tokens.RevokeAsync(users.User.UserId!.Value, id, ct) ? TypedResults.NoContent() : ApiErrors.NotFound("Nyckeln"));
    }
}
