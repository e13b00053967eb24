import { Component, type ReactNode } from "react";

/** Last line of defence: a render bug shows a message with what to do instead of a blank panel. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }
  override render() {
    if (this.state.message === null) return this.props.children;
    return (
      <div className="error" role="alert" style={{ margin: 16 }}>
        <strong>The panel stopped working</strong>
        <p>{this.state.message}</p>
        <p className="hint">Close and reopen the add-on. Your history and presets are kept.</p>
      </div>
    );
  }
}
