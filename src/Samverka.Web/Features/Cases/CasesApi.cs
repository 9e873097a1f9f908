using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Samverka.Domain.Organisations;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Cases;

public static class CasesApi
{
    public static void MapCasesApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Ärenden");

        cases.MapGet("/", async Task<Ok<Page<CaseSummaryDto>>> (string? q, string? state, bool? awaitingDecision, int? page, int? pageSize,
                CaseService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(q, state, awaitingDecision ?? false, page, pageSize, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Ärenden du ser, nyaste först: pågående (standard), state=avslutade eller state=alla; awaitingDecision=true för beslutskön");

        cases.MapPost("/", async Task<Created<CaseDto>> (InitiativeInput input, CaseService service, CancellationToken ct) =>
            {
                var c = await service.OpenAsync(input, ct);
                return TypedResults.Created($"/api/v1/cases/{c.Id}", await service.ToDtoAsync(c, ct));
            })
            .RequireAuthorization(Policies.OpenCases)
            .WithSummary("Registrera ett initiativ (belopp skrivs som 500 000, 500 tkr eller 2 500 kr)");

        cases.MapGet("/{id:guid}", async Task<Results<Ok<CaseDto>, ProblemHttpResult>> (Guid id, CaseService service, CancellationToken ct) =>
                await service.FindAsync(id, ct) is { } c ? TypedResults.Ok(await service.ToDtoAsync(c, ct)) : ApiErrors.NotFound("Ärendet"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Ärendet med steg, vad som återstår, bedömningar, handlingar, beslutande organ och budget mot ram");

        Change<VersionInput>(cases, "/{id:guid}/advance", Policies.CaseWork, "Gå vidare till nästa steg (dialog, förutsättningar, lämplighet, utkast, beslut)",
            (s, id, i, ct) => s.AdvanceAsync(id, i.Version, ct));
        Change<MeetingInput>(cases, "/{id:guid}/meetings", Policies.CaseWork, "Logga ett dialogmöte",
            async (s, id, i, ct) => (await s.LogMeetingAsync(id, i.Version, i, [], ct)).Case);
        Change<EligibilityInput>(cases, "/{id:guid}/eligibility", Policies.CaseWork, "Bedöm kriterierna och kommunens kompetens",
            (s, id, i, ct) => s.JudgeEligibilityAsync(id, i.Version, i, ct));
        Change<SuitabilityInput>(cases, "/{id:guid}/suitability", Policies.CaseWork, "Gör lämplighetsbedömningen",
            (s, id, i, ct) => s.AssessSuitabilityAsync(id, i.Version, i, ct));
        Change<DetailsInput>(cases, "/{id:guid}/details", Policies.CaseWork, "Avtalstid, belopp per år och nämnder vars ansvarsområde berörs",
            (s, id, i, ct) => s.SetDetailsAsync(id, i.Version, i, ct));
        Change<DoubleFundingInput>(cases, "/{id:guid}/double-funding", Policies.CaseWork, "Bedöm om annat stöd gäller samma verksamhet",
            (s, id, i, ct) => s.JudgeDoubleFundingAsync(id, i.Version, i, ct));
        Change<DecisionRequest>(cases, "/{id:guid}/decisions", Policies.DecideCases, "Registrera en kommuns beslut med paragraf och diarienummer",
            async (s, id, i, ct) =>
            {
                await s.RecordDecisionAsync(id, i.Version, i, ct);
                return (await s.FindAsync(id, ct))!;
            });
        Change<ReasonInput>(cases, "/{id:guid}/return", Policies.CaseWork, "Skicka tillbaka ärendet till dialog, med skäl",
            (s, id, i, ct) => s.ReturnAsync(id, i.Version, i, ct));
        Change<ReasonInput>(cases, "/{id:guid}/withdraw", Policies.OpenCases, "Återta ärendet, med skäl",
            (s, id, i, ct) => s.WithdrawAsync(id, i.Version, i, ct));
        Change<PartyInput>(cases, "/{id:guid}/parties", Policies.CaseWork, "Lägg till en organisation som part (efter organisationsnummer)",
            (s, id, i, ct) => s.AddPartyAsync(id, i.Version, i, ct));
        Change<ParticipantInput>(cases, "/{id:guid}/municipalities", Policies.CaseWork, "Lägg till en deltagande kommun",
            (s, id, i, ct) => s.AddMunicipalityAsync(id, i.Version, i, ct));

        cases.MapGet("/{id:guid}/attachments/{attachmentId:guid}/content", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                Guid id, Guid attachmentId, CaseService service, CancellationToken ct) =>
                await service.AttachmentAsync(id, attachmentId, ct) is { } a
                    ? TypedResults.File(a.Content, a.Attachment.Format.ContentType(), a.Attachment.FileName)
                    : ApiErrors.NotFound("Bilagan"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Hämta en bilaga till ett dialogmöte");
    }

    /// <summary>Every change answers with the case as it now is (<see cref="ChangeEndpoints.MapChange"/>).</summary>
    private static RouteHandlerBuilder Change<TInput>(RouteGroupBuilder group, string route, string policy, string summary,
        Func<CaseService, Guid, TInput, CancellationToken, Task<Domain.Cases.Case>> change)
        where TInput : CaseChange =>
        group.MapChange(route, policy, summary, change, (services, changed, ct) => services.GetRequiredService<CaseService>().ToDtoAsync(changed, ct));
}
