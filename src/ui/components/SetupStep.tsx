import { ActionButton } from "@swc-react/action-button";
import { Button } from "@swc-react/button";
import { TID } from "../testids";
import { BackendSection, type BackendSectionProps } from "./BackendSection";

/** First run: choose where images are made before anything else; the prompt form comes after. */
export function SetupStep(props: BackendSectionProps & { problem: string | null; onDone: () => void }) {
  return (
    <section className="section setup" data-testid={TID.setupStep}>
      <h2>Set up Depth Restyle</h2>
      <p>Restyles the selected layer from a prompt while keeping its shapes and depth. First choose where the images are made (depth layers alone need nothing: skip this for them):</p>
      <BackendSection {...props} />
      <div className="row">
        <Button variant="accent" data-testid={TID.setupDone} disabled={props.problem !== null} title={props.problem ?? undefined} onClick={props.onDone}>
          Done
        </Button>
        <ActionButton size="s" quiet data-testid={TID.setupSkip} onClick={props.onDone}>
          Skip for now
        </ActionButton>
      </div>
      <p className="hint">{props.problem ?? "Ready. Test the connection to check it, or press Done."}</p>
    </section>
  );
}
