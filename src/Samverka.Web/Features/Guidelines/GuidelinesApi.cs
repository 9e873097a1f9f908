using Microsoft.AspNetCore.Http.HttpResults;
using Samverka.Domain.Guidelines;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Municipalities;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Guidelines;

public static class GuidelinesApi
{
    public static void MapGuidelinesApi(this RouteGroupBuilder api)
    {
        var byMunicipality = api.MapGroup("/municipalities/{municipalityId:guid}/guidelines").WithTags("Riktlinjer");

        byMunicipality.MapGet("/", async Task<Results<Ok<IReadOnlyList<GuidelineSummaryDto>>, ProblemHttpResult>> (
                Guid municipalityId, MunicipalityService municipalities, GuidelineService guidelines, CancellationToken ct) =>
                await municipalities.FindAsync(municipalityId, ct) is null
                    ? ApiErrors.NotFound("Kommunen")
                    : TypedResults.Ok(await guidelines.VersionsAsync(municipalityId, ct)))
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithSummary("Alla versioner av kommunens IOP-riktlinjer, nyaste först");

        byMunicipality.MapGet("/current", async Task<Results<Ok<GuidelineDto>, ProblemHttpResult>> (
                Guid municipalityId, GuidelineService guidelines, CancellationToken ct) =>
                await guidelines.CurrentAsync(municipalityId, ct) is { } g ? TypedResults.Ok(await guidelines.ToDtoAsync(g, ct)) : ApiErrors.NotFound("Riktlinjerna"))
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithSummary("Gällande riktlinjer, med när de ska ses över");

        byMunicipality.MapPost("/", async Task<Results<Created<GuidelineDto>, ProblemHttpResult>> (
                Guid municipalityId, GuidelineInput input, MunicipalityService municipalities, GuidelineService guidelines, CancellationToken ct) =>
            {
                if (await municipalities.FindAsync(municipalityId, ct) is null)
                {
                    return ApiErrors.NotFound("Kommunen");
                }

                var g = await guidelines.AdoptAsync(municipalityId, input, ct);
                return TypedResults.Created($"/api/v1/guidelines/{g.Id}", await guidelines.ToDtoAsync(g, ct));
            })
            .RequireAuthorization(Policies.ManageMunicipality)
            .WithSummary("Anta en ny version (de tidigare finns kvar oförändrade)");

        api.MapGet("/guidelines/{id:guid}", async Task<Results<Ok<GuidelineDto>, ProblemHttpResult>> (Guid id, GuidelineService guidelines, CancellationToken ct) =>
                await guidelines.FindAsync(id, ct) is { } g ? TypedResults.Ok(await guidelines.ToDtoAsync(g, ct)) : ApiErrors.NotFound("Riktlinjerna"))
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithTags("Riktlinjer");

        api.MapGet("/guideline-presets/{key}", Results<Ok<GuidelineRules>, ProblemHttpResult> (string key) =>
                GuidelinePresets.ByKey(key) is { } rules ? TypedResults.Ok(rules) : ApiErrors.NotFound("Mallen"))
            .RequireAuthorization(Policies.MunicipalStaff)
            .WithTags("Riktlinjer")
            .WithSummary("Mallar att utgå från: stenungsund, soderhamn eller tom");
    }
}
