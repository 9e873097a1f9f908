using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Samverka.Domain.Organisations;
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

        group.MapGet("/{id:guid}/documents", async Task<Results<Ok<IReadOnlyList<DocumentDto>>, ProblemHttpResult>> (
                Guid id, OrganisationService organisations, DocumentService documents, CancellationToken ct) =>
                await organisations.FindAsync(id, ct) is null ? ApiErrors.NotFound("Organisationen") : TypedResults.Ok(await documents.ListAsync(id, ct)))
            .RequireAuthorization(Policies.ReadOrganisations)
            .WithSummary("Organisationens inlämnade handlingar");

        group.MapPost("/{id:guid}/documents", async Task<Results<Created<DocumentDto>, ProblemHttpResult>> (
                Guid id, [FromForm] string? kind, [FromForm] int? year, IFormFile? file, OrganisationService organisations, DocumentService documents, CancellationToken ct) =>
            {
                if (await organisations.FindAsync(id, ct) is null)
                {
                    return ApiErrors.NotFound("Organisationen");
                }

                var created = await documents.UploadAsync(id, kind, year, file, ct);
                return TypedResults.Created(created.ContentUrl, created);
            })
            .RequireAuthorization(Policies.EditOrganisations)
            .DisableAntiforgery() // cookie callers are checked by ApiAntiforgeryFilter; token callers need no such proof
            .WithSummary("Ladda upp en handling (multipart: kind, year, file). PDF, Word, OpenDocument, PNG eller JPEG, högst 20 MB");

        group.MapGet("/{id:guid}/documents/{documentId:guid}/content", async Task<IResult> (
                Guid id, Guid documentId, DocumentService documents, CancellationToken ct) =>
                await documents.OpenAsync(id, documentId, ct) is { } file
                    ? TypedResults.File(file.Content, file.Document.Format.ContentType(), file.Document.FileName)
                    : ApiErrors.NotFound("Handlingen"))
            .RequireAuthorization(Policies.ReadOrganisations)
            .WithSummary("Hämta en handling");
    }
}
