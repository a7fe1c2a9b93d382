//! `infrarch mcp`: the MCP server on stdio. The only async code in infrarch:
//! a current-thread tokio runtime lives for this command alone; tool work
//! runs on its blocking threads, so one slow call never stalls the others.
//!
//! stdout carries protocol messages only; logs go to stderr. rmcp ignores a
//! line that is not JSON at all (to avoid error storms with echoing peers);
//! JSON-RPC asks for a Parse error reply, so stdin goes through a filter that
//! answers such lines itself (`-32700`, id null) and passes the rest on.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use infrarch::mcp::ProjectRoot;
use infrarch::mcp::server::InfrarchServer;
use rmcp::ServiceExt;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Project root: every path argument must stay below it (default: the
    /// current directory).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

fn log(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "infrarch mcp: {msg}");
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = ProjectRoot::new(&args.root)?;
    // Every read and write the library makes from here on stays in the root,
    // whatever path (or symlink, or recorded sidecar path) led to it.
    infrarch::write::confine_to(root.path())
        .with_context(|| format!("confining to {}", root.path().display()))?;
    // Paths the library reports relative to the working directory then read
    // relative to the project root.
    std::env::set_current_dir(root.path())
        .with_context(|| format!("entering {}", root.path().display()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(serve(root))?;
    Ok(ExitCode::SUCCESS)
}

/// Largest accepted message line; longer lines are answered as invalid.
const MAX_LINE: usize = 16 * 1024 * 1024;

async fn serve(root: ProjectRoot) -> anyhow::Result<()> {
    let server = InfrarchServer::new(root.clone());
    log(&format!(
        "serving {} on stdio (tools: {})",
        root.path().display(),
        server.tool_names().join(", ")
    ));
    let (client_side, server_side) = tokio::io::duplex(1 << 16);
    let (srv_read, srv_write) = tokio::io::split(server_side);
    let (cli_read, mut cli_write) = tokio::io::split(client_side);
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Vec<u8>>();

    let writer = tokio::spawn(async move {
        let mut stdout = tokio::io::stdout();
        while let Some(mut line) = out_rx.recv().await {
            line.push(b'\n');
            if stdout.write_all(&line).await.is_err() || stdout.flush().await.is_err() {
                break;
            }
        }
    });

    let from_server = {
        let out_tx = out_tx.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(cli_read);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match lines.read_until(b'\n', &mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        let line = buf.strip_suffix(b"\n").unwrap_or(&buf).to_vec();
                        if out_tx.send(line).is_err() {
                            break;
                        }
                    }
                }
            }
        })
    };

    let from_client = {
        let out_tx = out_tx.clone();
        tokio::spawn(async move {
            let mut stdin = BufReader::new(tokio::io::stdin());
            let mut buf = Vec::new();
            loop {
                buf.clear();
                let too_long = match read_line_capped(&mut stdin, &mut buf, MAX_LINE).await {
                    Ok(None) => break,
                    Ok(Some(too_long)) => too_long,
                    Err(e) => {
                        log(&format!("reading stdin: {e}"));
                        break;
                    }
                };
                if too_long {
                    let _ = out_tx.send(error_line(-32600, "Invalid Request: message too long"));
                    continue;
                }
                let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(line) {
                    log(&format!("answered an unparsable message: {e}"));
                    let _ = out_tx.send(error_line(-32700, &format!("Parse error: {e}")));
                    continue;
                }
                let mut msg = line.to_vec();
                msg.push(b'\n');
                if cli_write.write_all(&msg).await.is_err() {
                    break;
                }
            }
            // End of input: close the server's side so it shuts down.
            let _ = cli_write.shutdown().await;
        })
    };
    drop(out_tx);

    let service = server
        .serve((srv_read, srv_write))
        .await
        .context("MCP initialisation failed")?;
    let reason = service.waiting().await;
    log(&format!("stopped ({reason:?})"));
    let _ = from_client.await;
    let _ = from_server.await;
    let _ = writer.await;
    Ok(())
}

/// Read one line into `buf`, holding at most `cap` bytes of it: the cap is
/// enforced while reading, so a 300 MB line costs 16 MiB, not 300 MB.
/// `None` at end of input; `Some(true)` when the line was longer than `cap`
/// (its bytes were discarded up to the newline).
async fn read_line_capped<R>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<Option<bool>>
where
    R: tokio::io::AsyncBufRead + Unpin,
{
    let mut too_long = false;
    let mut seen = false;
    loop {
        let avail = r.fill_buf().await?;
        if avail.is_empty() {
            return Ok(seen.then_some(too_long));
        }
        seen = true;
        let (n, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        if !too_long {
            if buf.len() + n > cap + 1 {
                too_long = true;
                buf.clear();
                buf.shrink_to_fit();
            } else {
                buf.extend_from_slice(&avail[..n]);
            }
        }
        r.consume(n);
        if done {
            return Ok(Some(too_long));
        }
    }
}

/// A JSON-RPC error response without an id (the request's id is unknown).
fn error_line(code: i64, message: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": {"code": code, "message": message},
    }))
    .unwrap_or_default()
}
