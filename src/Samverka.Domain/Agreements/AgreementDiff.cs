using DiffPlex;
using DiffPlex.Chunkers;
using Samverka.Domain.Formatting;

namespace Samverka.Domain.Agreements;

/// <summary>A run of words in a text diff: unchanged, removed or inserted.</summary>
public sealed record DiffPiece(string Text, DiffKind Kind);

public enum DiffKind
{
    Same = 0,
    Removed = 1,
    Inserted = 2,
}

/// <summary>One changed part of the agreement between two versions.</summary>
public sealed record AgreementChange(string What, string? Before, string? After, IReadOnlyList<DiffPiece>? Words = null);

/// <summary>What changed between two versions: text word by word, budget lines added, removed or changed, facts and signatories.</summary>
public static class AgreementDiff
{
    public static IReadOnlyList<AgreementChange> Between(AgreementContent before, AgreementContent after)
    {
        var changes = new List<AgreementChange>();
        Compare(changes, "Rubrik", before.Title, after.Title);
        Compare(changes, "Avtalstid", Term(before), Term(after));
        Compare(changes, "Målgrupp", before.Facts.TargetGroup, after.Facts.TargetGroup);
        Compare(changes, "Ålder", Ages(before.Facts), Ages(after.Facts));
        Compare(changes, "Beslutande nämnd", before.Facts.DecidingCommittee, after.Facts.DecidingCommittee);
        Compare(changes, "Ansvarig förvaltning", before.Facts.ResponsibleOffice, after.Facts.ResponsibleOffice);
        Compare(changes, "Ansvarig person", before.Facts.ResponsiblePerson, after.Facts.ResponsiblePerson);
        Compare(changes, "Beslut i styrgruppen", before.Facts.DecisionRule, after.Facts.DecisionRule);
        Compare(changes, "Mötesrytm", before.Facts.MeetingRhythm, after.Facts.MeetingRhythm);
        Compare(changes, "Uppföljningsformer", before.Facts.FollowUpForms, after.Facts.FollowUpForms);
        Compare(changes, "Förlängning beslutas", Month(before.Facts.ExtensionDecidedIn), Month(after.Facts.ExtensionDecidedIn));

        foreach (var section in after.Sections)
        {
            var old = before.Sections.FirstOrDefault(s => s.Number == section.Number)?.Text ?? "";
            if (old != section.Text)
            {
                changes.Add(new($"{section.Number}. {section.Heading}", old, section.Text, Words(old, section.Text)));
            }
        }

        Compare(changes, "Styrgrupp", Members(before), Members(after));
        foreach (var line in after.Budget)
        {
            var old = before.Budget.FirstOrDefault(l => l.Id == line.Id);
            if (old is null)
            {
                changes.Add(new($"Budget: {line.Label} {line.Year}", null, Describe(line, after)));
            }
            else if (Describe(old, before) != Describe(line, after))
            {
                changes.Add(new($"Budget: {line.Label} {line.Year}", Describe(old, before), Describe(line, after)));
            }
        }

        changes.AddRange(before.Budget.Where(l => after.Budget.All(n => n.Id != l.Id))
            .Select(l => new AgreementChange($"Budget: {l.Label} {l.Year}", Describe(l, before), null)));
        Compare(changes, "Angivna summor", Stated(before), Stated(after));
        Compare(changes, "Undertecknare", Signatories(before), Signatories(after));
        return changes;
    }

    /// <summary>Word-level difference between two texts.</summary>
    public static IReadOnlyList<DiffPiece> Words(string before, string after)
    {
        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new DelimiterChunker([' ', '\n']));
        var pieces = new List<DiffPiece>();
        var position = 0;
        foreach (var block in diff.DiffBlocks)
        {
            Add(pieces, string.Concat(diff.PiecesOld.Skip(position).Take(block.DeleteStartA - position)), DiffKind.Same);
            Add(pieces, string.Concat(diff.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA)), DiffKind.Removed);
            Add(pieces, string.Concat(diff.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB)), DiffKind.Inserted);
            position = block.DeleteStartA + block.DeleteCountA;
        }

        Add(pieces, string.Concat(diff.PiecesOld.Skip(position)), DiffKind.Same);
        return pieces;
    }

    private static void Add(List<DiffPiece> pieces, string text, DiffKind kind)
    {
        if (text.Length > 0)
        {
            pieces.Add(new(text, kind));
        }
    }

    private static void Compare(List<AgreementChange> changes, string what, string? before, string? after)
    {
        if ((before ?? "") != (after ?? ""))
        {
            changes.Add(new(what, before, after));
        }
    }

    private static string Party(AgreementContent c, Guid id) => c.Parties.FirstOrDefault(p => p.Id == id)?.Name ?? "(okänd part)";

    private static string? Term(AgreementContent c) =>
        c.TermStart is { } s && c.TermEnd is { } e ? $"{Swedish.Date(s)} – {Swedish.Date(e)}" : null;

    private static string? Ages(AgreementFacts f) => f.AgeFrom is { } a && f.AgeTo is { } b ? $"{a}–{b} år" : null;

    private static string? Month(DateOnly? month) => month is { } m ? m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) : null;

    private static string Members(AgreementContent c) => string.Join("; ", c.SteeringGroup.Select(m => $"{m.Name} ({Party(c, m.PartyId)})"));

    private static string Stated(AgreementContent c) => string.Join("; ", c.StatedTotals.OrderBy(t => t.Year).Select(t => $"{Party(c, t.PartyId)} {t.Year}: {Swedish.Kronor(t.Amount)}"));

    private static string Signatories(AgreementContent c) =>
        string.Join("; ", c.Signatories.Select(s => $"{s.Name}, {s.Title} ({Party(c, s.PartyId)})" + (s.SignedOn is { } d ? $" undertecknat {Swedish.Date(d)}" : "")));

    private static string Describe(BudgetLine l, AgreementContent c) =>
        $"{Party(c, l.PartyId)}: {l.Label} ({l.Category.Swedish().ToLowerInvariant()}{(l.InKind ? ", i annat än pengar" : "")}) {l.Calculation} = {Swedish.Kronor(l.Amount)}" +
        (l.StatedAmount is { } s ? $", angivet {Swedish.Kronor(s)}" : "") + (l.StatedHours is { } h ? $", angivet {Swedish.Hours(h)}" : "") + (l.Note is { } n ? $" – {n}" : "");
}
