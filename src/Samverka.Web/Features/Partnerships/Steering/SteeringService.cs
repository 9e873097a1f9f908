using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Data.Configurations;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships.Steering;


public sealed class ObjectionInput
{
    public string? Member { get; set; }
    public string? Reason { get; set; }
}

public sealed class DecisionProposalInput
{
    public string? Text { get; set; }
    public List<ObjectionInput> Objections { get; set; } = [];
}

public sealed class MeetingInput : PartnershipChange
{
    public DateOnly? Date { get; set; }
    public MeetingKind Kind { get; set; } = MeetingKind.Ordinary;
    public string? Agenda { get; set; }
    public List<string> Present { get; set; } = [];
    public string? Minutes { get; set; }
    public List<DecisionProposalInput> Decisions { get; set; } = [];
}

public sealed class MeetingFileInput : PartnershipChange
{
    public Guid? MeetingId { get; set; }
}

public sealed class SteeringMemberInput : PartnershipChange
{
    public Guid? PartyId { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public DateOnly? On { get; set; }
}

public sealed class SteeringLeaveInput : PartnershipChange
{
    public string? Name { get; set; }
    public string? Reason { get; set; }
    public DateOnly? On { get; set; }
}
/// <summary>The steering group and its meetings: meetings with their decisions and files, members joining and leaving.</summary>
public sealed class SteeringService(SamverkaDbContext db, PartnershipService partnerships, CurrentUserAccessor me, TimeProvider clock)
{
    private CurrentUser User => me.User;

    public Task<Partnership> RecordMeetingAsync(Guid id, MeetingInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.None, PartnershipService.Adds, manage: true, p =>
        p.RecordMeeting(input.Date, input.Kind, input.Agenda, input.Present ?? [], input.Minutes,
            (input.Decisions ?? []).OfType<DecisionProposalInput>().Select(d => new ProposedDecision(d.Text,
                (d.Objections ?? []).OfType<ObjectionInput>().Where(o => !string.IsNullOrWhiteSpace(o.Member)).Select(o => new Objection(o.Member!.Trim(), o.Reason ?? "")).ToList())).ToList(),
            User.Name, clock.GetUtcNow()), ct);

    /// <summary>A file for a recorded meeting, such as the signed minutes.</summary>
    public Task<Partnership> AttachToMeetingAsync(Guid id, Guid? meetingId, IFormFile? file, PartnershipChange read, CancellationToken ct) =>
        partnerships.AttachAsync(id, file, read, RecordKinds.Meetings, p => p.Meetings.FirstOrDefault(m => m.Id == meetingId), (p, f) => p.AttachToMeeting(meetingId ?? Guid.Empty, f), ct);

    /// <summary>A page of the steering group's meetings, latest first, with how many there are and the dates of all held (for the meeting plan).</summary>
    public async Task<(IReadOnlyList<SteeringMeeting> Items, int Total, IReadOnlySet<DateOnly> Held)> MeetingsAsync(Guid id, int page, int size, CancellationToken ct)
    {
        var meetings = db.RecordsOf<SteeringMeeting>(id).AsNoTracking();
        var held = (await meetings.Select(m => m.Date).ToListAsync(ct)).ToHashSet();
        var items = await meetings.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return (items, await meetings.CountAsync(ct), held);
    }

    public Task<Partnership> AddSteeringMemberAsync(Guid id, SteeringMemberInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.None, PartnershipService.Root, manage: true, p =>
        p.AddSteeringMember(input.PartyId ?? Guid.Empty, input.Name, input.Role, input.On, User.Name, Swedish.Today(clock)), ct);

    public Task<Partnership> RemoveSteeringMemberAsync(Guid id, SteeringLeaveInput input, CancellationToken ct) => partnerships.ChangeAsync(id, input, RecordKinds.None, PartnershipService.Root, manage: true, p =>
        p.RemoveSteeringMember(input.Name, input.Reason, input.On, User.Name, Swedish.Today(clock)), ct);
}

public static class SteeringApi
{
    public static void MapSteeringApi(this RouteGroupBuilder group)
    {
        group.Change<SteeringService, MeetingInput>("/{id:guid}/meetings", Policies.CaseWork, "Registrera ett styrgruppsmöte (beslut endast i enighet, med varje part närvarande)",
            (s, id, i, ct) => s.RecordMeetingAsync(id, i, ct));
        group.MapPost("/{id:guid}/meetings/{meetingId:guid}/attachments", async Task<Ok<PartnershipDto>> (Guid id, Guid meetingId, [FromForm] Guid? version, IFormFile? file,
                SteeringService service, PartnershipService partnerships, CancellationToken ct) => TypedResults.Ok(await partnerships.AnswerAsync(await service.AttachToMeetingAsync(id, meetingId, file, new MeetingFileInput { Version = version }, ct), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .DisableAntiforgery()
            .WithSummary("Bifoga en fil till ett styrgruppsmöte, till exempel justerat protokoll (multipart: file)");
        group.Change<SteeringService, SteeringMemberInput>("/{id:guid}/steering-group", Policies.CaseWork, "Ny ledamot i styrgruppen från ett datum (ändringen sparas i historiken)",
            (s, id, i, ct) => s.AddSteeringMemberAsync(id, i, ct));
        group.Change<SteeringService, SteeringLeaveInput>("/{id:guid}/steering-group/left", Policies.CaseWork, "En ledamot lämnar styrgruppen (varje part behåller minst en)",
            (s, id, i, ct) => s.RemoveSteeringMemberAsync(id, i, ct));
    }
}
