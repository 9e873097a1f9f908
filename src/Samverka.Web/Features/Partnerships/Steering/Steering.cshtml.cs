using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;

namespace Samverka.Web.Features.Partnerships.Steering;

/// <summary>The steering group and its meetings (/partnerskap/{id}/styrgrupp): register a meeting at the top, the meetings held a page at a time, members and their changes.</summary>
public sealed class SteeringModel(PartnershipService partnerships, SteeringService steering, TimeProvider clock) : PartnershipPage(partnerships)
{
    private const int PageSize = 10;

    public override string Section => "styrgrupp";

    protected override RecordKinds Reads => RecordKinds.None;

    [BindProperty(SupportsGet = true, Name = "sida")]
    public int? PageNumber { get; set; }

    [BindProperty] public MeetingInput Meeting { get; set; } = new();
    [BindProperty] public MeetingFileInput MeetingFile { get; set; } = new();
    [BindProperty] public IFormFile? MeetingUpload { get; set; }
    [BindProperty] public SteeringMemberInput Member { get; set; } = new();
    [BindProperty] public SteeringLeaveInput Leave { get; set; } = new();

    public static IReadOnlyList<SelectListItem> KindOptions { get; } =
        Enum.GetValues<MeetingKind>().Select(k => new SelectListItem(k.Swedish(), k.ToString())).ToList();

    public IReadOnlyList<SteeringMeeting> MeetingPage { get; private set; } = [];
    public int MeetingCount { get; private set; }
    public int PageCount => Math.Max(1, (MeetingCount + PageSize - 1) / PageSize);
    public int CurrentPage => Math.Max(1, PageNumber ?? 1);
    public IReadOnlySet<DateOnly> Held { get; private set; } = new HashSet<DateOnly>();
    public IReadOnlyList<SelectListItem> MemberOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> PartyOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> MeetingOptions { get; private set; } = [];

    public Task<IActionResult> OnPostMeetingAsync(CancellationToken ct) =>
        Done(nameof(Meeting), () => steering.RecordMeetingAsync(Id, Meeting, ct), "Mötet är registrerat.", "moten");

    public Task<IActionResult> OnPostMeetingFileAsync(CancellationToken ct) =>
        Done(nameof(MeetingFile), () => steering.AttachToMeetingAsync(Id, MeetingFile.MeetingId, MeetingUpload, MeetingFile, ct), "Bilagan är sparad.", "moten");

    public Task<IActionResult> OnPostMemberAsync(CancellationToken ct) =>
        Done(nameof(Member), () => steering.AddSteeringMemberAsync(Id, Member, ct), "Ledamoten är tillagd.", "styrgrupp");

    public Task<IActionResult> OnPostLeaveAsync(CancellationToken ct) =>
        Done(nameof(Leave), () => steering.RemoveSteeringMemberAsync(Id, Leave, ct), "Ändringen av styrgruppen är sparad.", "styrgrupp");

    protected override async Task LoadAsync(CancellationToken ct)
    {
        await base.LoadAsync(ct);
        (MeetingPage, MeetingCount, Held) = await steering.MeetingsAsync(Id, Math.Max(1, PageNumber ?? 1), PageSize, ct);
        MemberOptions = Partnership.SteeringGroup.Select(m => new SelectListItem(m.Name, m.Name)).ToList();
        PartyOptions = Partnership.Parties.Select(x => new SelectListItem(x.Name, x.Id.ToString())).ToList();
        MeetingOptions = MeetingPage.Select(m => new SelectListItem($"{Swedish.Date(m.Date)}, {m.Kind.Swedish().ToLowerInvariant()}", m.Id.ToString())).ToList();
    }

    protected override void Fill(string? except)
    {
        var today = Swedish.Today(clock);
        var inTerm = today <= Partnership.TermEnd ? today : Partnership.TermEnd;
        if (except != nameof(Meeting))
        {
            Meeting = new() { Date = inTerm };
        }

        // Two proposals to fill in, each with one possible objection; a refused form keeps what was typed.
        while (Meeting.Decisions.Count < 2)
        {
            Meeting.Decisions.Add(new());
        }

        foreach (var d in Meeting.Decisions.Where(d => d.Objections.Count == 0))
        {
            d.Objections.Add(new());
        }

        if (except != nameof(Member))
        {
            Member = new() { On = inTerm };
        }

        if (except != nameof(Leave))
        {
            Leave = new() { On = inTerm };
        }

        if (except != nameof(MeetingFile))
        {
            MeetingFile = new() { MeetingId = MeetingPage.Select(m => (Guid?)m.Id).FirstOrDefault() }; // the latest meeting
        }
    }
}
