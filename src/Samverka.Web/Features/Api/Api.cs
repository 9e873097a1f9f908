using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Web.Data;
using Samverka.Web.Features.Account;
using Samverka.Web.Features.Audit;
using Samverka.Web.Features.Agreements;
using Samverka.Web.Features.Cases;
using Samverka.Web.Features.Partnerships;
using Samverka.Web.Features.Partnerships.Renewal;
using Samverka.Web.Features.Funding;
using Samverka.Web.Features.Search;
using Samverka.Web.Features.Municipalities;
using Samverka.Web.Features.Guidelines;
using Samverka.Web.Features.Organisations;
using Samverka.Web.Features.Users;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

using Samverka.Web.Features.Notifications;

namespace Samverka.Web.Features.Api;

/// <summary>
/// The one shape of a change endpoint: <c>POST {route}</c> with a JSON body changes the thing
/// <c>{id}</c> names, and answers with that thing as it now reads (<paramref name="answer"/>);
/// refusals are problems (400 naming the field, 403, 404, 409) through <see cref="ApiErrorFilter"/>.
/// Each aggregate fixes its answer once (cases, agreements, partnerships).
/// </summary>
public static class ChangeEndpoints
{
    public static RouteHandlerBuilder MapChange<TService, TInput, TChanged, TAnswer>(this RouteGroupBuilder group, string route, string policy, string summary,
        Func<TService, Guid, TInput, CancellationToken, Task<TChanged>> change, Func<IServiceProvider, TChanged, CancellationToken, Task<TAnswer>> answer)
        where TService : notnull where TInput : class =>
        group.MapPost(route, async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<TAnswer>> (Guid id, [Microsoft.AspNetCore.Mvc.FromBody] TInput input, TService service,
                HttpContext http, CancellationToken ct) => TypedResults.Ok(await answer(http.RequestServices, await change(service, id, input, ct), ct)))
            .RequireAuthorization(policy)
            .WithSummary(summary);
}

/// <summary>
/// The JSON API under /api/v1. Same policies and the same database scope as the pages; each
/// area maps its own endpoints. Errors are RFC 7807 problems with a trace id.
/// </summary>
public static class ApiEndpoints
{
    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireRateLimiting(ServiceRegistration.ApiRateLimit)
            .AddEndpointFilter<ApiAntiforgeryFilter>()
            .AddEndpointFilter<ApiErrorFilter>();
        api.MapAccountApi();
        api.MapMunicipalitiesApi();
        api.MapOrganisationsApi();
        api.MapAuditApi();
        api.MapUsersApi();
        api.MapGuidelinesApi();
        api.MapCasesApi();
        api.MapAgreementsApi();
        api.MapPartnershipsApi();
        api.MapPersonalDataApi();
        api.MapRenewalApi();
        api.MapFundingApi();
        api.MapSearchApi();
        api.MapNotificationsApi();
        app.MapCalendarFeeds(api);
    }
}

/// <summary>
/// A browser with a session cookie must prove the request came from our own pages (the
/// X-CSRF-TOKEN header); a personal access token is not sent automatically by browsers, so
/// token calls need no such proof.
/// </summary>
public sealed class ApiAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var safe = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method);
        var byToken = http.User.Identity?.AuthenticationType == PersonalAccessTokenHandler.SchemeName;
        if (!safe && !byToken && http.User.Identity?.IsAuthenticated == true && !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: 400, title: "Ogiltig förfrågan",
                detail: "Förfrågan saknar giltig CSRF-token (rubriken X-CSRF-TOKEN). Ladda om sidan och försök igen.");
        }

        return await next(context);
    }
}

/// <summary>Refused rules become 400 with the field named; stale writes 409; writes outside scope 403.</summary>
public sealed class ApiErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainException e) when (e.IsConflict)
        {
            return TypedResults.Problem(statusCode: 409, title: "Kan inte ändras", detail: e.Message);
        }
        catch (DomainException e)
        {
            return TypedResults.ValidationProblem(
                e.Errors.Count > 0 ? e.Errors.ToDictionary(x => Camel(x.Key), x => new[] { x.Value }) : new Dictionary<string, string[]> { [Camel(e.Field ?? "")] = [e.Message] },
                title: "Uppgifterna kunde inte sparas", detail: e.Message);
        }
        catch (DbUpdateConcurrencyException e)
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<SamverkaDbContext>();
            var (message, current) = await Concurrency.DescribeAsync(db, e, context.HttpContext.RequestAborted);
            return TypedResults.Problem(statusCode: 409, title: "Ändrad av någon annan", detail: message,
                extensions: new Dictionary<string, object?> { ["currentVersion"] = current });
        }
        catch (RecordNotFoundException e)
        {
            return ApiErrors.NotFound(e.What);
        }
        catch (ScopeViolationException e)
        {
            return TypedResults.Problem(statusCode: 403, title: "Ingen behörighet", detail: e.Message);
        }
    }

    private static string Camel(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? "" : char.ToLowerInvariant(part[0]) + part[1..]));
}

public static class ApiErrors
{
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        ScopeViolationException => StatusCodes.Status403Forbidden,
        DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: 404, title: "Hittades inte", detail: $"{what} finns inte, eller så har du inte behörighet att se det.");
}

/// <summary>One page of a list. Every list in the API is paged.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public const int MaxPageSize = 100;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static (int Page, int Size) Clamp(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 25, 1, MaxPageSize));
}

/// <summary>
/// OpenAPI schema names that are unique across the API: a type whose name another public type
/// shares (the case's and the steering group's <c>MeetingInput</c>) is prefixed with its area,
/// <c>CasesMeetingInput</c> and <c>SteeringMeetingInput</c>; every other keeps its own name.
/// </summary>
public static class OpenApiSchemaNames
{
    private static readonly HashSet<string> Shared = new[] { typeof(ApiEndpoints).Assembly, typeof(Role).Assembly }
        .SelectMany(a => a.GetTypes()).Where(t => (t.IsPublic || t.IsNestedPublic) && !t.IsGenericType)
        .GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();

    public static string? For(System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        var id = Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        var type = info.Type;
        return id is not null && !type.IsGenericType && Shared.Contains(type.Name) ? (type.Namespace?.Split('.')[^1] ?? "") + id : id;
    }
}
