using Microsoft.AspNetCore.Http.HttpResults;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Users;

public static class UsersApi
{
    /// <summary>Where the invited person chooses a password.</summary>
    public static string InvitationUrl(HttpRequest request, ApplicationUser user, string token) =>
        $"{request.Scheme}://{request.Host}/konto/valj-losenord?anvandare={user.Id}&kod={Uri.EscapeDataString(token)}";

    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Användare").RequireAuthorization(Policies.ManageMunicipality);

        group.MapGet("/", (UserService users, string? q, int? page, int? pageSize, CancellationToken ct) => users.ListAsync(q, page, pageSize, ct))
            .WithSummary("Konton som du administrerar");

        group.MapGet("/{id:guid}", async Task<Results<Ok<UserDto>, ProblemHttpResult>> (Guid id, UserService users, CancellationToken ct) =>
            await users.FindAsync(id, ct) is { } u ? TypedResults.Ok(await users.ToDtoAsync(u, ct)) : ApiErrors.NotFound("Kontot"));

        group.MapPost("/", async Task<Created<InvitationDto>> (UserInput input, UserService users, HttpRequest request, CancellationToken ct) =>
            {
                var created = await users.CreateAsync(input, (u, token) => InvitationUrl(request, u, token), ct);
                return TypedResults.Created($"/api/v1/users/{created.User.Id}", created);
            })
            .WithSummary("Skapa ett konto; svaret innehåller en inbjudningslänk där personen väljer lösenord");

        group.MapPut("/{id:guid}", async Task<Results<Ok<UserDto>, ProblemHttpResult>> (Guid id, UserInput input, UserService users, CancellationToken ct) =>
            {
                if (await users.FindAsync(id, ct) is not { } u)
                {
                    return ApiErrors.NotFound("Kontot");
                }

                await users.UpdateAsync(u, input, ct);
                return TypedResults.Ok(await users.ToDtoAsync(u, ct));
            })
            .WithSummary("Ändra namn, e-post, roll, kommun eller organisationer (skicka med concurrencyStamp)");
    }
}
