import { Command } from 'cmdk';
import { useEffect, useRef } from 'react';
import { Dialog } from '../../ui/Dialog';
import { caseloadKey, useCaseloadStore } from '../caseload/store/caseload-store';
import { useNav } from '../navigation/nav-store';
import { useLiveQuery } from '../sync/live-query';
import { commandMatch, paletteCommands, type PaletteCommand } from './commands';
import { usePalette } from './palette-store';
import { runAction } from './run-action';
import { shortcutText } from './shortcuts';
import { usePlatform } from './use-platform';

/** Match on what a person reads (label, case reference, other names), never on the ids. */
const matchWords = (_value: string, search: string, keywords?: string[]): number =>
  commandMatch(keywords ?? [], search);

const GROUPS: PaletteCommand['group'][] = ['This patient', 'Go to', 'Actions', 'Patients'];

/**
 * The command palette (Ctrl K / ⌘ K): go to a patient by name or case reference, go to any
 * view, or run an action, by keyboard alone. Filtering, the list's arrow keys and its ARIA
 * combobox/listbox are cmdk's; the dialog is ours (focus trapped, Escape closes, focus goes
 * back to where it was).
 */
export function CommandPalette({ supervisor }: { supervisor: boolean }) {
  const hide = usePalette((s) => s.hide);
  const route = useNav((s) => s.route);
  const mac = usePlatform();
  const input = useRef<HTMLInputElement>(null);
  // After the dialog's showModal (a child's effect runs first), which focuses its first button.
  useEffect(() => input.current?.focus(), []);
  const caseload = useLiveQuery(useCaseloadStore, {}, caseloadKey({}));
  const commands = paletteCommands({
    supervisor,
    route,
    patients: caseload.value?.entries ?? [],
  });
  const run = (command: PaletteCommand): void => {
    hide();
    // After the dialog has closed and given focus back, so a focus move lands.
    queueMicrotask(() => {
      if (!runAction(command.action) && command.action.kind === 'search') {
        // No search field in this view: the palette's own search is the way to find things.
        usePalette.getState().show();
      }
    });
  };
  return (
    <Dialog title="Commands" onClose={hide}>
      <Command label="Find a patient, view or action" className="palette" loop filter={matchWords}>
        <Command.Input
          className="palette__input"
          placeholder="A patient's name or case reference, a view, an action…"
          ref={input}
        />
        <Command.List className="palette__list" aria-label="Matching commands">
          <Command.Empty>Nothing matches.</Command.Empty>
          {!caseload.value ? <Command.Loading>Loading the caseload…</Command.Loading> : null}
          {GROUPS.map((group) => {
            const inGroup = commands.filter((c) => c.group === group);
            if (inGroup.length === 0) return null;
            return (
              <Command.Group key={group} heading={group}>
                {inGroup.map((command) => {
                  const keys = command.shortcut
                    ? shortcutText(command.shortcut, mac)
                    : command.keysText;
                  return (
                    <Command.Item
                      key={command.id}
                      value={command.id}
                      keywords={[command.label, ...command.keywords]}
                      onSelect={() => run(command)}
                      className="palette__item"
                    >
                      <span>{command.label}</span>
                      {command.group === 'Patients' ? (
                        <span className="muted small">{command.keywords[0]}</span>
                      ) : null}
                      {keys ? <kbd className="palette__keys">{keys}</kbd> : null}
                    </Command.Item>
                  );
                })}
              </Command.Group>
            );
          })}
        </Command.List>
      </Command>
    </Dialog>
  );
}
