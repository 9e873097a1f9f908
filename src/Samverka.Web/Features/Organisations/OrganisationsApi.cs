using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Organisations;

public static class OrganisationsApi
{
    public static void MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisationer");

        group.MapGet("/", (OrganisationService service, string? q, int? page, int? pageSize, CancellationToken ct) =>
                service.ListAsync(q, page, pageSize, ct))
            .RequireAuthorization(Policies.ReadOrganisations)
            .WithSummary("Organisationsregistret, sökbart och sidindelat");

        group.MapGet("/{id:guid}", async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> (Guid id, OrganisationService service, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } o ? TypedResults.Ok(OrganisationDto.From(o)) : ApiErrors.NotFound("Organisationen"))
            .RequireAuthorization(Policies.ReadOrganisations)
            .WithName("GetOrganisation");

        group.MapPost("/", async Task<Created<OrganisationDto>> (OrganisationInput input, OrganisationService service, CancellationToken ct) =>
            {
                var o = await service.RegisterAsync(input, ct);
                return TypedResults.Created($"/api/v1/organisations/{o.Id}", OrganisationDto.From(o));
            })
            .RequireAuthorization(Policies.EditOrganisations)
            .WithSummary("Registrera en organisation");

        group.MapPut("/{id:guid}", async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> (Guid id, OrganisationInput input, OrganisationService service, CancellationToken ct) =>
            {
                if (await service.FindAsync(id, ct) is not { } o)
                {
                    return ApiErrors.NotFound("Organisationen");
                }

                await service.UpdateAsync(o, input, ct);
                return TypedResults.Ok(OrganisationDto.From(o));
            })
            .RequireAuthorization(Policies.EditOrganisations)
            .WithSummary("Ändra en organisations uppgifter (skicka med version)");
    }
}
