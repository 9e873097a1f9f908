using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Home;

/// <summary>The start page: what Samverka is (anonymous) or what is waiting for me (signed in, by role).</summary>
[AllowAnonymous]
public sealed class IndexModel(SamverkaDbContext db, CurrentUserAccessor users, Guidelines.GuidelineService guidelines, Cases.CaseService cases, Partnerships.PartnershipService partnerships, TimeProvider clock)
    : PageModel
{
    public CurrentUser Me => users.User;
    public string? MunicipalityName { get; private set; }
    public List<TodoItem> Todo { get; } = [];

    /// <summary>What is on its way to the committee member's body (reports to be presented, renewals): to know, not to do.</summary>
    public List<TodoItem> Coming { get; } = [];
    public List<(string Label, string Value, string Href)> Figures { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Me.IsAuthenticated)
        {
            return;
        }

        MunicipalityName = await db.Municipalities.Where(m => Me.MunicipalityIds.Contains(m.Id)).Select(m => m.Name).FirstOrDefaultAsync(ct);
        await AddCasesAsync(ct);
        await AddPartnershipsAsync(ct);
        switch (Me.Role)
        {
            case Role.SystemAdministrator:
                var withoutAdmin = await db.Municipalities
                    .Where(m => !db.Users.Any(u => u.MunicipalityId == m.Id && u.Role == Role.MunicipalAdministrator))
                    .OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).Take(10).ToListAsync(ct);
                Todo.AddRange(withoutAdmin.Select(m => new TodoItem($"{m.Name} saknar kommunadministratör.", $"/kommuner/{m.Id}")));
                Figures.Add(("Kommuner", (await db.Municipalities.CountAsync(ct)).ToString(), "/kommuner"));
                Figures.Add(("Organisationer", (await db.Organisations.CountAsync(ct)).ToString(), "/organisationer"));
                break;
            case Role.MunicipalAdministrator:
                var municipality = await db.Municipalities.FirstOrDefaultAsync(ct);
                if (municipality is { ContactEmail: null })
                {
                    Todo.Add(new("Ange kommunens kontaktadress för IOP-frågor.", $"/kommuner/{municipality.Id}/redigera"));
                }

                if (municipality is not null)
                {
                    var guideline = await guidelines.CurrentAsync(municipality.Id, ct);
                    var review = guideline?.Review(Domain.Formatting.Swedish.Today(clock));
                    if (guideline is null)
                    {
                        Todo.Add(new("Lägg in kommunens riktlinjer för IOP.", $"/kommuner/{municipality.Id}/riktlinjer"));
                    }
                    else if (review!.Status != Domain.Guidelines.ReviewStatus.Current)
                    {
                        Todo.Add(new($"Riktlinjerna för IOP: {review.Swedish}", $"/kommuner/{municipality.Id}/riktlinjer"));
                    }
                }

                Figures.Add(("Nämnder", (await db.Committees.CountAsync(ct)).ToString(), municipality is null ? "/kommuner" : $"/kommuner/{municipality.Id}"));
                break;
            case Role.OrganisationRepresentative:
                var own = await db.Organisations.OrderBy(o => o.Name).ToListAsync(ct);
                foreach (var o in own)
                {
                    if (o.Email is null || o.MemberCount is null)
                    {
                        Todo.Add(new($"Komplettera uppgifterna för {o.Name} (e-post och antal medlemmar).", $"/organisationer/{o.Id}/redigera"));
                    }

                    Figures.Add((o.Name, o.OrgNumber, $"/organisationer/{o.Id}"));
                }

                break;
            default:
                Figures.Add(("Organisationer i registret", (await db.Organisations.CountAsync(ct)).ToString(), "/organisationer"));
                Figures.Add(("Nämnder", (await db.Committees.CountAsync(ct)).ToString(), "/kommuner"));
                break;
        }
    }

    /// <summary>What is due in the user's partnerships, as their role sees it (<see cref="Partnerships.PartnershipService.DueAsync"/>).</summary>
    private async Task AddPartnershipsAsync(CancellationToken ct)
    {
        var due = await partnerships.DueAsync(1, 20, ct);
        // Each item links to the form that resolves it. What the reader cannot do there is shown apart, as information:
        // for a committee member what is on its way to the committee, for an organisation the steering group's meetings and quarterly reports.
        var list = Me.Role == Role.CommitteeMember ? Coming : Todo;
        foreach (var x in due.Items)
        {
            var theirs = Me.Role != Role.OrganisationRepresentative || Domain.Deadlines.Reminders.OrganisationActsOn(x.Kind);
            (theirs ? list : Coming).Add(new TodoItem($"{(x.Overdue ? "Försenat: " : "")}{x.Text} ({x.Title})", x.Href));
        }

        if (due.Total > due.Items.Count)
        {
            // Never cut off silently: the rest is in the partnerships (and the paged API /api/v1/partnerships/due).
            list.Add(new TodoItem($"Ytterligare {due.Total - due.Items.Count} saker i partnerskapen.", "/partnerskap"));
        }
    }

    /// <summary>Open cases where the next move is the user's: preparation for officials, the decision queue for committee members, own initiatives for representatives.</summary>
    private async Task AddCasesAsync(CancellationToken ct)
    {
        var open = db.Cases.AsNoTracking().Where(c => c.State != CaseState.Approved && c.State != CaseState.Rejected && c.State != CaseState.Withdrawn);
        switch (Me.Role)
        {
            case Role.Official or Role.MunicipalAdministrator:
                var mine = await open.Where(c => c.State != CaseState.Decision && Me.MunicipalityIds.Contains(c.MunicipalityId))
                    .OrderBy(c => c.OpenedAt).Take(10).Select(c => new { c.Id, c.Title, c.State }).ToListAsync(ct);
                Todo.AddRange(mine.Select(c => new TodoItem($"{c.Title}: {c.State.Swedish().ToLowerInvariant()}.", $"/arenden/{c.Id}")));
                break;
            case Role.CommitteeMember:
                // The same queue as /arenden?beslut=1 (the member's own body's cases), each case by name, first on the page.
                var waiting = await cases.ListAsync(null, null, awaitingDecision: true, 1, 10, ct);
                Todo.AddRange(waiting.Items.Select(c => new TodoItem(
                    $"Beslut: {c.Title} ({string.Join(", ", c.Organisations)}){(c.DecidingBody is null ? "" : $", {c.DecidingBody}")}.", $"/arenden/{c.Id}")));
                if (waiting.Total > waiting.Items.Count)
                {
                    Todo.Add(new($"Alla {waiting.Total} ärenden som väntar på beslut.", "/arenden?beslut=1"));
                }

                break;
            case Role.OrganisationRepresentative:
                var own = await open.OrderBy(c => c.OpenedAt).Take(10).Select(c => new { c.Id, c.Title, c.State }).ToListAsync(ct);
                Todo.AddRange(own.Select(c => new TodoItem($"Ert initiativ {c.Title}: {c.State.Swedish().ToLowerInvariant()}.", $"/arenden/{c.Id}")));
                break;
        }
    }
}

public sealed record TodoItem(string Text, string Href);
