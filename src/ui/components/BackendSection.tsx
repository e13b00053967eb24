import { ActionButton } from "@swc-react/action-button";
import { Button } from "@swc-react/button";
import type { BackendConfig, BackendKind, Secrets } from "../logic/backend-config";
import { TID } from "../testids";
import { PickerField, SwitchField, TextField } from "./fields";

const KINDS = [
  { value: "segmind", label: "Segmind cloud (your API key)" },
  { value: "gateway", label: "Local GPU gateway" },
] as const;

export type ConnectionState = { state: "idle" } | { state: "testing" } | { state: "ok"; summary: string } | { state: "failed"; message: string };

export interface BackendSectionProps {
  config: BackendConfig;
  secrets: Secrets;
  showKey: boolean;
  credits: string | null;
  connection: ConnectionState;
  onConfig: (patch: Partial<BackendConfig>) => void;
  onSecrets: (patch: Partial<Secrets>) => void;
  onShowKey: (show: boolean) => void;
  onForget: () => void;
  onTest: () => void;
}

function ConnectionLine(props: { connection: ConnectionState }) {
  const c = props.connection;
  const text = c.state === "idle" ? "Not tested yet." : c.state === "testing" ? "Testing…" : c.state === "ok" ? c.summary : c.message;
  return (
    <p data-testid={TID.connectionStatus} data-state={c.state} className={c.state === "failed" ? "hint bad" : "hint"}>
      {text}
    </p>
  );
}

export function BackendSection(p: BackendSectionProps) {
  const { config, secrets } = p;
  return (
    <section className="section" id="backend-section">
      <h3>Backend</h3>
      <PickerField<BackendKind> id="backend" label="Generate with" testId={TID.backendPicker} value={config.kind} options={KINDS} onChange={(kind) => p.onConfig({ kind })} />
      {config.kind === "segmind" ? (
        <>
          <div className="row end">
            <TextField id="segmind-key" label="Segmind API key" testId={TID.segmindKey} type={p.showKey ? "text" : "password"} value={secrets.segmindKey} onChange={(segmindKey) => p.onSecrets({ segmindKey })} />
            <ActionButton size="s" data-testid={TID.showKey} onClick={() => p.onShowKey(!p.showKey)}>
              {p.showKey ? "Hide" : "Show"}
            </ActionButton>
          </div>
          <p className="hint">
            Credits: <span data-testid={TID.credits}>{p.credits ?? "unknown (test the connection)"}</span>
          </p>
          <details>
            <summary>Advanced</summary>
            <TextField id="segmind-base-url" label="API base URL" testId={TID.segmindBaseUrl} type="url" value={config.segmindBaseUrl} onChange={(segmindBaseUrl) => p.onConfig({ segmindBaseUrl })} />
          </details>
        </>
      ) : (
        <>
          <TextField id="gateway-url" label="Gateway URL" testId={TID.gatewayUrl} type="url" value={config.gatewayUrl} onChange={(gatewayUrl) => p.onConfig({ gatewayUrl })} />
          <TextField id="gateway-token" label="Gateway token" testId={TID.gatewayToken} type="password" value={secrets.gatewayToken} onChange={(gatewayToken) => p.onSecrets({ gatewayToken })} />
          <SwitchField
            label="Relay to Segmind with the gateway's own key (no local GPU)"
            testId={TID.gatewayEngine}
            checked={config.gatewayEngine === "segmind"}
            onChange={(relay) => p.onConfig({ gatewayEngine: relay ? "segmind" : "comfyui" })}
          />
        </>
      )}
      <SwitchField label="Remember key and token on this computer (stored unencrypted)" testId={TID.rememberKey} checked={config.remember} onChange={(remember) => p.onConfig({ remember })} />
      <div className="row">
        <Button size="s" variant="secondary" data-testid={TID.testConnection} disabled={p.connection.state === "testing"} onClick={p.onTest}>
          Test connection
        </Button>
        <ActionButton size="s" quiet data-testid={TID.forgetKey} onClick={p.onForget}>
          Forget key and token
        </ActionButton>
      </div>
      <ConnectionLine connection={p.connection} />
    </section>
  );
}
