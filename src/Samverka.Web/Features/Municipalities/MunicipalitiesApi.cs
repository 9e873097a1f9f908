using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Municipalities;

public static class MunicipalitiesApi
{
    public static void MapMunicipalitiesApi(this RouteGroupBuilder api)
    {
        var municipalities = api.MapGroup("/municipalities").WithTags("Kommuner");

        municipalities.MapGet("/", (MunicipalityService service, int? page, int? pageSize, CancellationToken ct) => service.ListAsync(page, pageSize, ct))
            .RequireAuthorization(Policies.MunicipalStaff);

        municipalities.MapGet("/{id:guid}", async Task<Results<Ok<MunicipalityDto>, ProblemHttpResult>> (Guid id, MunicipalityService service, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } m ? TypedResults.Ok(MunicipalityDto.From(m)) : ApiErrors.NotFound("Kommunen"))
            .RequireAuthorization(Policies.MunicipalStaff);

        municipalities.MapPost("/", async Task<Created<MunicipalityDto>> (MunicipalityInput input, MunicipalityService service, CancellationToken ct) =>
            {
                var m = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/v1/municipalities/{m.Id}", MunicipalityDto.From(m));
            })
            .RequireAuthorization(Policies.SystemAdministration);

        municipalities.MapPut("/{id:guid}", async Task<Results<Ok<MunicipalityDto>, ProblemHttpResult>> (Guid id, MunicipalityInput input, MunicipalityService service, CancellationToken ct) =>
            {
                if (await service.FindAsync(id, ct) is not { } m)
                {
                    return ApiErrors.NotFound("Kommunen");
                }

                await service.UpdateAsync(m, input, ct);
                return TypedResults.Ok(MunicipalityDto.From(m));
            })
            .RequireAuthorization(Policies.ManageMunicipality);

        municipalities.MapGet("/{id:guid}/committees", async Task<Results<Ok<IReadOnlyList<CommitteeDto>>, ProblemHttpResult>> (Guid id, MunicipalityService service, CancellationToken ct) =>
                await service.FindAsync(id, ct) is null ? ApiErrors.NotFound("Kommunen") : TypedResults.Ok(await service.CommitteesAsync(id, ct)))
            .RequireAuthorization(Policies.MunicipalStaff);

        municipalities.MapPost("/{id:guid}/committees", async Task<Results<Created<CommitteeDto>, ProblemHttpResult>> (Guid id, CommitteeInput input, MunicipalityService service, CancellationToken ct) =>
            {
                if (await service.FindAsync(id, ct) is not { } m)
                {
                    return ApiErrors.NotFound("Kommunen");
                }

                var c = await service.AddCommitteeAsync(m, input, ct);
                return TypedResults.Created($"/api/v1/committees/{c.Id}", CommitteeDto.From(c));
            })
            .RequireAuthorization(Policies.ManageMunicipality);

        var committees = api.MapGroup("/committees").WithTags("Nämnder");

        committees.MapGet("/{id:guid}", async Task<Results<Ok<CommitteeDto>, ProblemHttpResult>> (Guid id, MunicipalityService service, CancellationToken ct) =>
                await service.FindCommitteeAsync(id, ct) is { } c ? TypedResults.Ok(CommitteeDto.From(c)) : ApiErrors.NotFound("Nämnden"))
            .RequireAuthorization(Policies.MunicipalStaff);

        committees.MapPut("/{id:guid}", async Task<Results<Ok<CommitteeDto>, ProblemHttpResult>> (Guid id, CommitteeInput input, MunicipalityService service, CancellationToken ct) =>
            {
                if (await service.FindCommitteeAsync(id, ct) is not { } c)
                {
                    return ApiErrors.NotFound("Nämnden");
                }

                await service.UpdateCommitteeAsync(c, input, ct);
                return TypedResults.Ok(CommitteeDto.From(c));
            })
            .RequireAuthorization(Policies.ManageMunicipality);
    }
}
