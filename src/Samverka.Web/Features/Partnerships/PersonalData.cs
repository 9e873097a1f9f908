using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;
using Samverka.Web.Infrastructure.Audit;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Partnerships;

public sealed class TeamInput
{
    public Guid? UserId { get; set; }

    /// <summary>Why: required when the one changing the team is not on it, adds themself, or leaves it without an official (<see cref="TeamChange.NeedsReason"/>).</summary>
    public string? Reason { get; set; }
}

/// <summary>Who leaves the team, and why (see <see cref="TeamInput.Reason"/>).</summary>
public sealed class RemoveFromTeamInput
{
    public Guid? MemberId { get; set; }
    public string? Reason { get; set; }
}

public sealed class ReferInput
{
    public string? Name { get; set; }
    public DateOnly? BirthDate { get; set; }
    public Guid? CoordinationMeetingId { get; set; }
    public bool UnderActivityResponsibility { get; set; }
}

public abstract class ParticipantChange
{
    public Guid? Version { get; set; }
}

public sealed class ConsentInput : ParticipantChange
{
    public DateOnly? GivenOn { get; set; }
    public string? GivenBy { get; set; }
}

public sealed class WithdrawInput : ParticipantChange
{
    public DateOnly? WithdrawnOn { get; set; }
}

public sealed class PlacementInput : ParticipantChange
{
    public string? Workplace { get; set; }
    public string? Supervisor { get; set; }
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
}

public sealed class EndPlacementInput : ParticipantChange
{
    public Guid? PlacementId { get; set; }
    public DateOnly? End { get; set; }
}

public sealed class DayNoteInput
{
    public DateOnly? Date { get; set; }
    public string? Text { get; set; }
}

public sealed record TeamMemberDto(Guid Id, Guid UserId, string Name, string Side, string AddedBy, DateTimeOffset AddedAt);

/// <summary>A change of the team, as its history shows it.</summary>
public sealed record TeamChangeDto(DateTimeOffset At, string Member, string Side, bool Joined, string? Reason, string By);

public sealed record TeamCandidate(Guid UserId, string Name, string Side);

public sealed record ParticipantDto(
    Guid Id, Guid Version, string Name, DateOnly? BirthDate, int? AgeToday, DateOnly ReferredOn, string ReferringUnit, bool UnderActivityResponsibility,
    bool HasConsent, IReadOnlyList<Consent> Consents, IReadOnlyList<Placement> Placements, DateOnly? ErasedOn);

public sealed record DayNoteDto(Guid Id, DateOnly Date, string Text, string WrittenBy, DateOnly DeletedAfter);

/// <summary>One partnership's line in the record of processing: counts only.</summary>
public sealed record ProcessingLine(Guid PartnershipId, string Title, DateOnly TermEnd, bool Ended, int Team, int Participants, int WithConsent, int DayNotes);

/// <summary>The record of processing (registerförteckning, GDPR art. 30) of a municipality: the retention, the last deletion run and each partnership's counts.</summary>
public sealed record ProcessingRecord(string Municipality, string OrgNumber, int RetentionMonths, DateTimeOffset? LastRetentionRun, string? LastRetentionText, Page<ProcessingLine> Lines);

/// <summary>What the page knows about the actor and the partnership's personal data.</summary>
public sealed record PersonalDataAccess(bool OnTeam, bool ManageTeam);

/// <summary>
/// The partnership's personal data: its team, participants (consents, placements) and day notes.
/// What is read is decided by the DbContext's team filter; what is written by its write scope;
/// this service only shapes the calls and keeps the rules of who manages the team.
/// </summary>
public sealed class PersonalDataService(SamverkaDbContext db, CurrentUserAccessor me, TimeProvider clock, Notifications.Notices notices)
{
    private CurrentUser User => me.User;

    public async Task<(Partnership Partnership, PersonalDataAccess Access)> AccessAsync(Guid partnershipId, CancellationToken ct)
    {
        var p = await db.FindPartnershipAsync(partnershipId, RecordKinds.Coordination, ct, tracking: false) ?? throw new RecordNotFoundException("Partnerskapet");
        var user = User.UserId ?? Guid.Empty;
        var team = await db.TeamMembers.AsNoTracking().Where(t => t.PartnershipId == partnershipId).Select(t => t.UserId).ToListAsync(ct);
        var onTeam = team.Contains(user);
        var manage = PartnershipService.PermissionsFor(User, p).Manage && p.Ended is null
            && (onTeam || User.Role is Role.MunicipalAdministrator || team.Count == 0);
        return (p, new(onTeam, manage));
    }

    public async Task<IReadOnlyList<TeamMemberDto>> TeamAsync(Guid partnershipId, CancellationToken ct) =>
        (await db.TeamMembers.AsNoTracking().Where(t => t.PartnershipId == partnershipId).OrderBy(t => t.Side).ThenBy(t => t.Name).Take(200).ToListAsync(ct))
            .Select(t => new TeamMemberDto(t.Id, t.UserId, t.Name, t.Side, t.AddedBy, t.AddedAt)).ToList();

    /// <summary>Who may join the team: officials of the leading municipality and representatives of the organisations in the partnership.</summary>
    public async Task<IReadOnlyList<TeamCandidate>> CandidatesAsync(Partnership p, CancellationToken ct)
    {
        var organisations = p.OrganisationIds.ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => (u.MunicipalityId == p.MunicipalityId && (u.Role == Role.Official || u.Role == Role.MunicipalAdministrator))
                || (u.Role == Role.OrganisationRepresentative && u.Organisations.Any(o => organisations.Contains(o.OrganisationId))))
            .OrderBy(u => u.DisplayName).Take(200)
            .Select(u => new { u.Id, u.DisplayName, u.Role })
            .ToListAsync(ct);
        var municipal = p.Parties.FirstOrDefault(x => x.Kind == Domain.Agreements.PartyKind.Municipality)?.Name ?? "Kommunen";
        var organisation = p.Parties.FirstOrDefault(x => x.Kind == Domain.Agreements.PartyKind.Organisation)?.Name ?? "Organisationen";
        return users.Select(u => new TeamCandidate(u.Id, u.DisplayName, u.Role == Role.OrganisationRepresentative ? organisation : municipal)).ToList();
    }

    public async Task<TeamMemberDto> AddToTeamAsync(Guid partnershipId, TeamInput input, CancellationToken ct)
    {
        var (p, access) = await AccessAsync(partnershipId, ct);
        EnsureManages(access);
        var candidate = (await CandidatesAsync(p, ct)).FirstOrDefault(c => c.UserId == input.UserId)
            ?? throw new DomainException("Välj en handläggare i kommunen eller en företrädare för organisationen.", nameof(TeamInput.UserId));
        if (await db.TeamMembers.AnyAsync(t => t.PartnershipId == partnershipId && t.UserId == candidate.UserId, ct))
        {
            throw new DomainException($"{candidate.Name} arbetar redan i partnerskapet.", nameof(TeamInput.UserId)) { IsConflict = true };
        }

        var reason = TeamChange.CheckReason(input.Reason, TeamChange.NeedsReason(access.OnTeam, candidate.UserId == User.UserId, leavesNoOfficial: false));
        var member = new TeamMember(partnershipId, p.MunicipalityId, candidate.UserId, candidate.Name, candidate.Side, User.Name, clock.GetUtcNow());
        db.TeamMembers.Add(member);
        await RecordChangeAsync(p, member.Name, member.Side, joined: true, reason, [member.UserId], ct);
        await SaveAsync(ct);
        return new(member.Id, member.UserId, member.Name, member.Side, member.AddedBy, member.AddedAt);
    }

    /// <summary>The team's history, newest first (the latest 50).</summary>
    public async Task<IReadOnlyList<TeamChangeDto>> TeamHistoryAsync(Guid partnershipId, CancellationToken ct) =>
        (await db.TeamChanges.AsNoTracking().Where(c => c.PartnershipId == partnershipId).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(50).ToListAsync(ct))
            .Select(c => new TeamChangeDto(c.At, c.Member, c.Side, c.Joined, c.Reason, c.By)).ToList();

    /// <summary>
    /// Writes the change into the team's history and tells the team (those on it before and after,
    /// not the one who made the change) in their inbox, in the same save as the change.
    /// </summary>
    private async Task RecordChangeAsync(Partnership p, string member, string side, bool joined, string? reason, IReadOnlyList<Guid> alsoTell, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var change = new TeamChange(p.Id, p.MunicipalityId, member, side, joined, reason, User.Name, now);
        db.TeamChanges.Add(change);
        var team = await db.TeamMembers.AsNoTracking().Where(t => t.PartnershipId == p.Id).Select(t => t.UserId).ToListAsync(ct);
        var tell = team.Concat(alsoTell).Where(u => u != User.UserId).Distinct().ToList();
        var what = joined ? $"{User.Name} lade till {member} ({side}) i teamet för {p.Title}" : $"{User.Name} tog bort {member} ({side}) ur teamet för {p.Title}";
        await notices.TellAsync(tell, Domain.Deadlines.ReminderKind.TeamChange, $"team:{p.Id}:{change.Id}", what,
            $"{what}. De som arbetar i partnerskapet ser dess deltagare och daganteckningar.{(reason is null ? "" : $" Skäl: {reason}")}",
            $"/partnerskap/{p.Id}/deltagare#teamhistorik", p.MunicipalityId, ct);
    }

    public async Task RemoveFromTeamAsync(Guid partnershipId, Guid memberId, string? reason, CancellationToken ct)
    {
        var (p, access) = await AccessAsync(partnershipId, ct);
        EnsureManages(access);
        var member = await db.TeamMembers.FirstOrDefaultAsync(t => t.Id == memberId && t.PartnershipId == partnershipId, ct) ?? throw new RecordNotFoundException("Personen");
        var rest = await db.TeamMembers.AsNoTracking().Where(t => t.PartnershipId == partnershipId && t.Id != memberId).Select(t => t.UserId).ToListAsync(ct);
        if (rest.Count == 0)
        {
            throw new DomainException("Någon måste arbeta i partnerskapet; lägg till en annan person först.", "MemberId");
        }

        var officials = await db.Users.AsNoTracking().CountAsync(u => rest.Contains(u.Id) && (u.Role == Role.Official || u.Role == Role.MunicipalAdministrator), ct);
        var checkedReason = TeamChange.CheckReason(reason, TeamChange.NeedsReason(access.OnTeam, addsSelf: false, leavesNoOfficial: officials == 0));
        await RecordChangeAsync(p, member.Name, member.Side, joined: false, checkedReason, [member.UserId], ct);
        db.TeamMembers.Remove(member);
        await SaveAsync(ct);
    }

    /// <summary>The participants the actor may see (none unless on the team), newest referral first, paged.</summary>
    public async Task<Page<ParticipantDto>> ParticipantsAsync(Guid partnershipId, int? page, CancellationToken ct)
    {
        var (number, size) = Page<ParticipantDto>.Clamp(page, 50);
        var q = db.Participants.AsNoTracking().Where(x => x.PartnershipId == partnershipId);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(x => x.ReferredOn).ThenByDescending(x => x.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new(rows.Select(ToDto).ToList(), number, size, total);
    }

    public async Task<Participant> FindAsync(Guid partnershipId, Guid participantId, CancellationToken ct) =>
        await db.Participants.FirstOrDefaultAsync(x => x.Id == participantId && x.PartnershipId == partnershipId, ct) ?? throw new RecordNotFoundException("Deltagaren");

    public async Task<Page<DayNoteDto>> NotesAsync(Guid participantId, int? page, CancellationToken ct)
    {
        var (number, size) = Page<DayNoteDto>.Clamp(page, 50);
        var q = db.DayNotes.AsNoTracking().Where(n => n.ParticipantId == participantId);
        var total = await q.CountAsync(ct);
        var months = await RetentionMonthsAsync(participantId, ct);
        var rows = await q.OrderByDescending(n => n.Date).ThenByDescending(n => n.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new(rows.Select(n => new DayNoteDto(n.Id, n.Date, n.Text, n.WrittenBy, DayNote.KeptUntil(n.Date, months))).ToList(), number, size, total);
    }

    public async Task<ParticipantDto> ReferAsync(Guid partnershipId, ReferInput input, CancellationToken ct)
    {
        var p = await db.FindPartnershipAsync(partnershipId, RecordKinds.Coordination, ct, tracking: false) ?? throw new RecordNotFoundException("Partnerskapet");
        var participant = Participant.Refer(p, input.Name, input.BirthDate, input.CoordinationMeetingId, input.UnderActivityResponsibility, Swedish.Today(clock), clock.GetUtcNow());
        db.Participants.Add(participant);
        await SaveAsync(ct);
        return ToDto(participant);
    }

    public Task<ParticipantDto> GiveConsentAsync(Guid partnershipId, Guid id, ConsentInput input, CancellationToken ct) =>
        ChangeAsync(partnershipId, id, input.Version, (_, x) => x.GiveConsent(input.GivenOn, input.GivenBy, User.Name, Swedish.Today(clock)), ct);

    /// <summary>Withdrawal is honoured in one transaction: the placements end, the name and birth date are erased, the day notes deleted.</summary>
    public Task<ParticipantDto> WithdrawConsentAsync(Guid partnershipId, Guid id, WithdrawInput input, CancellationToken ct) =>
        ChangeAsync(partnershipId, id, input.Version, (_, x) =>
        {
            x.WithdrawConsent(input.WithdrawnOn, User.Name, Swedish.Today(clock));
            db.DayNotes.RemoveRange(db.DayNotes.Where(n => n.ParticipantId == x.Id).ToList());
        }, ct);

    public Task<ParticipantDto> PlaceAsync(Guid partnershipId, Guid id, PlacementInput input, CancellationToken ct) =>
        ChangeAsync(partnershipId, id, input.Version, (p, x) => x.Place(p, input.Workplace, input.Supervisor, input.Start, input.End, User.Name), ct);

    public Task<ParticipantDto> EndPlacementAsync(Guid partnershipId, Guid id, EndPlacementInput input, CancellationToken ct) =>
        ChangeAsync(partnershipId, id, input.Version, (_, x) =>
            x.EndPlacement(input.PlacementId ?? throw new DomainException("Välj praktik.", nameof(EndPlacementInput.PlacementId)), input.End, Swedish.Today(clock)), ct);

    public async Task<DayNoteDto> WriteNoteAsync(Guid partnershipId, Guid id, DayNoteInput input, CancellationToken ct)
    {
        var participant = await FindAsync(partnershipId, id, ct);
        var note = DayNote.Write(participant, input.Date, input.Text, User.Name, Swedish.Today(clock), clock.GetUtcNow());
        db.DayNotes.Add(note);
        await SaveAsync(ct);
        return new(note.Id, note.Date, note.Text, note.WrittenBy, DayNote.KeptUntil(note.Date, await RetentionMonthsAsync(id, ct)));
    }

    /// <summary>
    /// Everything kept about one person, for a request of access (registerutdrag): the record, the
    /// consents, the placements and the day notes. The hand-out is logged without the data.
    /// </summary>
    public async Task<byte[]> ExportAsync(Guid partnershipId, Guid id, CancellationToken ct)
    {
        var x = await FindAsync(partnershipId, id, ct);
        var notes = await db.DayNotes.AsNoTracking().Where(n => n.ParticipantId == id).OrderBy(n => n.Date).Take(10_000).ToListAsync(ct);
        var partnership = await db.Partnerships.AsNoTracking().Where(p => p.Id == partnershipId).Select(p => new { p.Title, p.MunicipalityId }).SingleAsync(ct);
        var export = new
        {
            Utdrag = $"Personuppgifter i Samverka, uttaget {Swedish.Date(Swedish.Today(clock))}",
            Partnerskap = partnership.Title,
            Namn = x.Name,
            Födelsedatum = x.BirthDate is { } b ? Swedish.Date(b) : null,
            Remitterad = Swedish.Date(x.ReferredOn),
            RemitterandeEnhet = x.ReferringUnit,
            KommunaltAktivitetsansvar = x.UnderActivityResponsibility,
            Samtycken = x.Consents.Select(c => new { Lämnat = Swedish.Date(c.GivenOn), LämnatAv = c.GivenBy, Återkallat = c.WithdrawnOn is { } w ? Swedish.Date(w) : null }),
            Praktik = x.Placements.Select(p => new { Arbetsplats = p.Workplace, Handledare = p.Supervisor, Start = Swedish.Date(p.Start), Slut = p.End is { } e ? Swedish.Date(e) : null }),
            Daganteckningar = notes.Select(n => new { Datum = Swedish.Date(n.Date), Text = n.Text, Skriven = n.WrittenBy }),
        };
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), ActorId = User.UserId, ActorName = User.Name, EntityType = nameof(Participant), EntityId = id, Action = AuditAction.Exported,
            MunicipalityId = partnership.MunicipalityId, Changes = JsonSerializer.Serialize(new { Exported = new { after = "registerutdrag" } }),
        });
        await db.SaveChangesAsync(ct);
        return JsonSerializer.SerializeToUtf8Bytes(export, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    public ParticipantDto ToDto(Participant x) => new(x.Id, x.Version, x.Name, x.BirthDate,
        x.BirthDate is { } b ? Participant.AgeOn(b, Swedish.Today(clock)) : null, x.ReferredOn, x.ReferringUnit, x.UnderActivityResponsibility,
        x.HasConsent, x.Consents, x.Placements.OrderBy(p => p.Start).ToList(), x.ErasedOn);

    /// <summary>
    /// The record of processing for a municipality the actor sees. The counts are taken past the
    /// team filter on purpose: they are not personal data, and the record must cover every
    /// partnership, also those the reader does not work in. Nothing but counts leaves this method.
    /// </summary>
    public async Task<ProcessingRecord?> ProcessingRecordAsync(Guid municipalityId, int? page, CancellationToken ct)
    {
        var m = await db.Municipalities.AsNoTracking().Where(x => x.Id == municipalityId).Select(x => new { x.Name, x.OrgNumber, x.DayNoteRetentionMonths }).FirstOrDefaultAsync(ct);
        if (m is null)
        {
            return null;
        }

        var (number, size) = Page<ProcessingLine>.Clamp(page, 50);
        var total = await db.Partnerships.CountAsync(p => p.MunicipalityId == municipalityId, ct);
        var rows = await db.Partnerships.AsNoTracking().Where(p => p.MunicipalityId == municipalityId)
            .OrderByDescending(p => p.TermEnd).ThenBy(p => p.Id).Skip((number - 1) * size).Take(size)
            .Select(p => new { p.Id, p.Title, p.TermEnd, Ended = p.Ended != null }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var team = await db.TeamMembers.AsNoTracking().Where(t => ids.Contains(t.PartnershipId)).GroupBy(t => t.PartnershipId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var participants = await db.Participants.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.PartnershipId)).GroupBy(x => x.PartnershipId)
            .Select(g => new { g.Key, Count = g.Count(), Kept = g.Count(x => x.ErasedOn == null) }).ToDictionaryAsync(g => g.Key, ct);
        var notes = await db.DayNotes.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.PartnershipId)).GroupBy(x => x.PartnershipId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var lines = rows.Select(r => new ProcessingLine(r.Id, r.Title, r.TermEnd, r.Ended, team.GetValueOrDefault(r.Id),
            participants.TryGetValue(r.Id, out var x) ? x.Count : 0, participants.TryGetValue(r.Id, out var y) ? y.Kept : 0, notes.GetValueOrDefault(r.Id))).ToList();
        var run = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(DayNote) && a.EntityId == municipalityId)
            .OrderByDescending(a => a.At).Select(a => new { a.At, a.Changes }).FirstOrDefaultAsync(ct);
        return new(m.Name, m.OrgNumber, m.DayNoteRetentionMonths, run?.At, run is null ? null : AuditText.Describe(run.Changes), new(lines, number, size, total));
    }

    private async Task<int> RetentionMonthsAsync(Guid participantId, CancellationToken ct) =>
        await (from x in db.Participants
               join m in db.Municipalities on x.MunicipalityId equals m.Id
               where x.Id == participantId
               select (int?)m.DayNoteRetentionMonths).FirstOrDefaultAsync(ct) ?? Domain.Municipalities.Municipality.DefaultDayNoteRetentionMonths;

    private static void EnsureManages(PersonalDataAccess access)
    {
        if (!access.ManageTeam)
        {
            throw new ScopeViolationException("Bara kommunens handläggare i partnerskapet (eller kommunadministratören) ändrar vilka som arbetar i det.");
        }
    }

    private async Task<ParticipantDto> ChangeAsync(Guid partnershipId, Guid id, Guid? version, Action<Partnership, Participant> change, CancellationToken ct)
    {
        var participant = await FindAsync(partnershipId, id, ct);
        var p = await db.FindPartnershipAsync(partnershipId, RecordKinds.Coordination, ct, tracking: false) ?? throw new RecordNotFoundException("Partnerskapet");
        if (version is { } v)
        {
            db.Entry(participant).Property(x => x.Version).OriginalValue = v;
        }

        change(p, participant);
        await SaveAsync(ct);
        return ToDto(participant);
    }

    private Task SaveAsync(CancellationToken ct) => db.SaveChangeAsync(() => Task.CompletedTask, ct);
}

public static class PersonalDataApi
{
    public static void MapPersonalDataApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}").WithTags("Partnerskap: personuppgifter");
        group.MapGet("/team", async Task<Ok<IReadOnlyList<TeamMemberDto>>> (Guid id, PersonalDataService service, CancellationToken ct) =>
            {
                await service.AccessAsync(id, ct);
                return TypedResults.Ok(await service.TeamAsync(id, ct));
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("De som arbetar i partnerskapet och ser dess personuppgifter");
        group.MapPost("/team", async Task<Ok<TeamMemberDto>> (Guid id, [FromBody] TeamInput input, PersonalDataService service, CancellationToken ct) =>
                TypedResults.Ok(await service.AddToTeamAsync(id, input, ct)))
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Lägg till en person som arbetar i partnerskapet");
        group.MapDelete("/team/{memberId:guid}", async Task<NoContent> (Guid id, Guid memberId, string? reason, PersonalDataService service, CancellationToken ct) =>
            {
                await service.RemoveFromTeamAsync(id, memberId, reason, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.CaseWork)
            .WithSummary("Ta bort en person ur partnerskapet (reason: varför, krävs när du inte själv arbetar i det eller när ingen handläggare blir kvar)");
        group.MapGet("/team/history", async Task<Ok<IReadOnlyList<TeamChangeDto>>> (Guid id, PersonalDataService service, CancellationToken ct) =>
            {
                await service.AccessAsync(id, ct);
                return TypedResults.Ok(await service.TeamHistoryAsync(id, ct));
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Teamets historik: vem som lagts till och tagits bort, av vem, när och varför");
        group.MapGet("/participants", async Task<Ok<Page<ParticipantDto>>> (Guid id, int? page, PersonalDataService service, CancellationToken ct) =>
            {
                await service.AccessAsync(id, ct);
                return TypedResults.Ok(await service.ParticipantsAsync(id, page, ct));
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Deltagarna (bara för dem som arbetar i partnerskapet; andra får en tom lista)");
        group.MapPost("/participants", async Task<Ok<ParticipantDto>> (Guid id, [FromBody] ReferInput input, PersonalDataService service, CancellationToken ct) =>
                TypedResults.Ok(await service.ReferAsync(id, input, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Registrera en ung person som remitterats på ett samverkansmöte (åldern prövas mot målgruppen)");
        Change<ConsentInput>(group, "/consent", "Registrera den unges samtycke", (s, id, pid, i, ct) => s.GiveConsentAsync(id, pid, i, ct));
        Change<WithdrawInput>(group, "/consent/withdrawn", "Samtycket återkallas: praktiken avslutas, namn och födelsedatum raderas, daganteckningarna tas bort",
            (s, id, pid, i, ct) => s.WithdrawConsentAsync(id, pid, i, ct));
        Change<PlacementInput>(group, "/placements", "Ny praktik med handledare (kräver samtycke, ingen överlappning)", (s, id, pid, i, ct) => s.PlaceAsync(id, pid, i, ct));
        Change<EndPlacementInput>(group, "/placements/ended", "Avsluta en praktik", (s, id, pid, i, ct) => s.EndPlacementAsync(id, pid, i, ct));
        group.MapGet("/participants/{participantId:guid}/notes", async Task<Ok<Page<DayNoteDto>>> (Guid id, Guid participantId, int? page, PersonalDataService service, CancellationToken ct) =>
            {
                await service.FindAsync(id, participantId, ct);
                return TypedResults.Ok(await service.NotesAsync(participantId, page, ct));
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Daganteckningar om en deltagare (gallras efter kommunens frist)");
        group.MapPost("/participants/{participantId:guid}/notes", async Task<Ok<DayNoteDto>> (Guid id, Guid participantId, [FromBody] DayNoteInput input, PersonalDataService service, CancellationToken ct) =>
                TypedResults.Ok(await service.WriteNoteAsync(id, participantId, input, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Skriv en daganteckning");
        group.MapGet("/participants/{participantId:guid}/export", async Task<FileContentHttpResult> (Guid id, Guid participantId, PersonalDataService service, CancellationToken ct) =>
                TypedResults.File(await service.ExportAsync(id, participantId, ct), "application/json; charset=utf-8", "registerutdrag.json"))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Allt som finns om en person (registerutdrag); utlämnandet loggas");
    }

    private static void Change<TInput>(RouteGroupBuilder group, string route, string summary,
        Func<PersonalDataService, Guid, Guid, TInput, CancellationToken, Task<ParticipantDto>> change)
        where TInput : ParticipantChange =>
        group.MapPost("/participants/{participantId:guid}" + route, async Task<Ok<ParticipantDto>> (Guid id, Guid participantId, [FromBody] TInput input, PersonalDataService service, CancellationToken ct) =>
                TypedResults.Ok(await change(service, id, participantId, input, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary(summary);
}
