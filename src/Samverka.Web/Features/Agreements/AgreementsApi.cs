using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Samverka.Domain.Agreements;
using Samverka.Web.Documents;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Agreements;

public static class AgreementsApi
{
    public static void MapAgreementsApi(this RouteGroupBuilder api)
    {
        var agreements = api.MapGroup("/agreements").WithTags("Överenskommelser");

        agreements.MapGet("/", async Task<Ok<Page<AgreementSummaryDto>>> (string? state, int? page, int? pageSize, AgreementService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(state, page, pageSize, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Överenskommelser du ser, nyaste först (state=Draft, InDecision, Approved eller Signed)");

        api.MapPost("/cases/{caseId:guid}/agreement", async Task<Created<AgreementDto>> (Guid caseId, AgreementService service, CancellationToken ct) =>
            {
                var a = await service.DraftFromCaseAsync(caseId, ct);
                return TypedResults.Created($"/api/v1/agreements/{a.Id}", await service.ToDtoAsync(a, ct));
            })
            .RequireAuthorization(Policies.CaseWork)
            .WithTags("Överenskommelser")
            .WithSummary("Upprätta överenskommelsen i ett ärende: riktlinjernas avsnitt, parterna, avtalstiden och målgruppen förifyllda");

        agreements.MapGet("/{id:guid}", async Task<Results<Ok<AgreementDto>, ProblemHttpResult>> (Guid id, AgreementService service, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } a ? TypedResults.Ok(await service.ToDtoAsync(a, ct)) : ApiErrors.NotFound("Överenskommelsen"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("En överenskommelse med budget, summor, varningar och vad som saknas");

        Change<SectionInput>(agreements, "/{id:guid}/sections", "Ändra texten i ett avsnitt", (s, id, i, ct) => s.EditSectionAsync(id, i, ct));
        Change<FactsInput>(agreements, "/{id:guid}/facts", "Målgrupp, ansvar, beslutsregel, mötesrytm och uppföljningsformer", (s, id, i, ct) => s.SetFactsAsync(id, i, ct));
        Change<TermInput>(agreements, "/{id:guid}/term", "Avtalstid och månad då förlängning beslutas (2018-11)", (s, id, i, ct) => s.SetTermAsync(id, i, ct));
        Change<SteeringGroupInput>(agreements, "/{id:guid}/steering-group", "Styrgruppens ledamöter per part", (s, id, i, ct) => s.SetSteeringGroupAsync(id, i, ct));
        Change<LineInput>(agreements, "/{id:guid}/budget-lines", "Lägg till eller ändra en budgetrad (beräkning som 44 veckor × 40 tim × 134 kr)",
            (s, id, i, ct) => s.SaveLineAsync(id, i, ct));
        Change<RemoveLineInput>(agreements, "/{id:guid}/budget-lines/remove", "Ta bort en budgetrad", (s, id, i, ct) => s.RemoveLineAsync(id, i, ct));
        Change<StatedTotalInput>(agreements, "/{id:guid}/stated-totals", "Summa som ett överfört dokument anger (kontrolleras mot raderna)",
            (s, id, i, ct) => s.SetStatedTotalAsync(id, i, ct));
        Change<SignatoriesInput>(agreements, "/{id:guid}/signatories", "Undertecknare per part", (s, id, i, ct) => s.SetSignatoriesAsync(id, i, ct));
        Change<AgreementVersionInput>(agreements, "/{id:guid}/approve", "Fastställ en överförd överenskommelse genom ärendets beviljande beslut",
            (s, id, i, ct) => s.ApproveByCaseDecisionAsync(id, i, ct));
        Change<ConsultationInput>(agreements, "/{id:guid}/consultation", "Samråd med juridik- och ekonomifunktionerna före underskrift",
            (s, id, i, ct) => s.RecordConsultationAsync(id, i, ct));
        Change<SignInput>(agreements, "/{id:guid}/signatures", "Registrera en underskrift med fullständigt datum", (s, id, i, ct) => s.SignAsync(id, i, ct));
        Change<AmendmentDecisionInput>(agreements, "/{id:guid}/amendment-decision", "Registrera beslutet om ett tillägg",
            (s, id, i, ct) => s.RecordAmendmentDecisionAsync(id, i, ct));

        agreements.MapPost("/{id:guid}/amendments", async Task<Created<AgreementDto>> (Guid id, AgreementService service, CancellationToken ct) =>
            {
                var a = await service.AmendAsync(id, ct);
                return TypedResults.Created($"/api/v1/agreements/{a.Id}", await service.ToDtoAsync(a, ct));
            })
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Påbörja ett tillägg till en undertecknad överenskommelse");

        agreements.MapPost("/{id:guid}/scan", async Task<Ok<AgreementDto>> (Guid id, [FromForm] Guid? version, [FromForm] string? correction, IFormFile? file,
                AgreementService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ToDtoAsync(await service.AttachScanAsync(id, version, file, correction, ct), ct)))
            .RequireAuthorization(Policies.CaseWork)
            .DisableAntiforgery()
            .WithSummary("Bifoga den inskannade, undertecknade överenskommelsen (PDF; multipart: file, version, och för en rättelse correction); "
                + "en bifogad kopia behålls, en rättelse läggs till bredvid, var och en med sin SHA-256");

        agreements.MapGet("/{id:guid}/verification", async Task<Results<Ok<VerificationDto>, ProblemHttpResult>> (Guid id, AgreementService service, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } a ? TypedResults.Ok(AgreementService.Verify(a)) : ApiErrors.NotFound("Överenskommelsen"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Kontrollera att innehållet stämmer med hashen som sparades vid underskrift");

        agreements.MapGet("/{id:guid}/versions", async Task<Results<Ok<Page<AgreementVersionDto>>, ProblemHttpResult>> (
                    Guid id, int? page, int? pageSize, AgreementService service, CancellationToken ct) =>
                await service.VersionsAsync(id, page, pageSize, ct) is { } versions ? TypedResults.Ok(versions) : ApiErrors.NotFound("Överenskommelsen"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Alla sparade versioner, senaste först");

        agreements.MapGet("/{id:guid}/versions/{from:int}/diff/{to:int}", async Task<Results<Ok<IReadOnlyList<AgreementChange>>, ProblemHttpResult>> (
                    Guid id, int from, int to, AgreementService service, CancellationToken ct) =>
                await service.DiffAsync(id, from, to, ct) is { } diff ? TypedResults.Ok(diff) : ApiErrors.NotFound("Versionen"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Vad som ändrats mellan två versioner: text ord för ord, budgetrader, uppgifter");

        agreements.MapGet("/{id:guid}/document.pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                    Guid id, AgreementService service, DocumentCache cache, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } a
                    ? TypedResults.File(await cache.GetAsync(a, "pdf", async () => AgreementPdf.Render(await service.ToDtoAsync(a, ct))), "application/pdf", AgreementDocuments.FileName(a, "pdf"))
                    : ApiErrors.NotFound("Överenskommelsen"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Överenskommelsen som PDF/A-2b för arkivering");

        agreements.MapGet("/{id:guid}/document.docx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                    Guid id, AgreementService service, DocumentCache cache, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } a
                    ? TypedResults.File(await cache.GetAsync(a, "docx", async () => AgreementDocx.Render(await service.ToDtoAsync(a, ct))), AgreementDocx.ContentType, AgreementDocuments.FileName(a, "docx"))
                    : ApiErrors.NotFound("Överenskommelsen"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Överenskommelsen som Word-dokument med rubriker och tabeller");

        agreements.MapGet("/{id:guid}/scan", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, AgreementService service, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } a && await service.ScanAsync(a, ct) is { } bytes
                    ? TypedResults.File(bytes, "application/pdf", AgreementDocuments.FileName(a, "pdf", "underskriven"))
                    : ApiErrors.NotFound("Den inskannade kopian"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Den inskannade, undertecknade överenskommelsen (den senaste)");
        agreements.MapGet("/{id:guid}/scans/{fileId:guid}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, Guid fileId, AgreementService service, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } a && await service.ScanAsync(a, ct, fileId) is { } bytes
                    ? TypedResults.File(bytes, "application/pdf", AgreementDocuments.FileName(a, "pdf", "underskriven"))
                    : ApiErrors.NotFound("Den inskannade kopian"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("En av de inskannade kopiorna, även en tidigare som en rättelse har lagts bredvid");
    }

    /// <summary>Every change answers with the agreement as it now is (<see cref="ChangeEndpoints.MapChange"/>).</summary>
    private static RouteHandlerBuilder Change<TInput>(RouteGroupBuilder group, string route, string summary,
        Func<AgreementService, Guid, TInput, CancellationToken, Task<Agreement>> change)
        where TInput : AgreementEdit =>
        group.MapChange(route, Policies.CaseWork, summary, change, (services, changed, ct) => services.GetRequiredService<AgreementService>().ToDtoAsync(changed, ct));
}
