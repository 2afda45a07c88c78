//! Reading and writing the user's files as the Node CLI does: an output file
//! is a temporary file renamed over the path once all went well; a FIFO or a
//! device is written in place; a directory or a socket is refused.

use crate::run::Failure;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Temporary files to remove if the run is interrupted or fails.
pub static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

#[cfg(target_os = "linux")]
const O_NOCTTY: i32 = 0o400;
#[cfg(target_os = "linux")]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(not(target_os = "linux"))]
const O_NOCTTY: i32 = 0x20000;
#[cfg(not(target_os = "linux"))]
const O_NONBLOCK: i32 = 0x0004;

/// What a failed file operation means, in words (the Node CLI's table).
fn why(e: &io::Error) -> String {
    let known = match e.raw_os_error() {
        Some(2) => "no such file or directory",
        Some(20) => "a part of the path is not a directory",
        Some(21) => "a directory",
        Some(13) => "permission denied",
        Some(1) => "operation not permitted",
        Some(28) => "no space left on the device",
        Some(122) => "disk quota exceeded",
        Some(30) => "read-only file system",
        Some(27) => "file too large",
        Some(36) => "the name is too long",
        Some(40) => "too many levels of symbolic links",
        Some(5) => "input/output error",
        Some(6) => "nothing behind it to write to (a socket, or a device that is not there)",
        Some(24) | Some(23) => "too many open files",
        Some(16) => "it is busy",
        Some(22) => "not supported there",
        Some(9) => "not open for this",
        Some(32) => "the reader went away",
        Some(n) => return format!("error {n}"),
        None => return e.to_string(),
    };
    known.into()
}

/// `e` on the user's `path` while reading (or `writing`) the `what`.
pub fn file_error(e: &io::Error, path: &str, what: &str, writing: bool) -> Failure {
    let code = e.raw_os_error();
    if !writing && code == Some(2) {
        return Failure::Fail(format!("{path}: no such {what}"));
    }
    if !writing && code == Some(21) {
        return Failure::Fail(format!("{path}: a directory, not a {what}"));
    }
    let reason = if writing && code == Some(2) {
        let dir = Path::new(path)
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".into());
        format!("no such directory {dir}")
    } else {
        why(e)
    };
    let verb = if writing { "write" } else { "read" };
    Failure::Fail(format!("{path}: cannot {verb} the {what}: {reason}"))
}

/// `path` made absolute and normalised without touching the file system,
/// as Node's `path.resolve`.
pub fn resolve(path: &str) -> PathBuf {
    let base = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let mut out = PathBuf::from("/");
    for c in base.join(path).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(n) => out.push(n),
            _ => {}
        }
    }
    out
}

/// This process's own streams, by the names a user may give for them.
pub fn own_stream(path: &str) -> Option<Stream> {
    match resolve(path).to_str()? {
        "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1" => Some(Stream::Stdout),
        "/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2" => Some(Stream::Stderr),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

fn is_special(t: &fs::FileType) -> bool {
    t.is_fifo() || t.is_char_device() || t.is_block_device()
}

fn kind_of(t: &fs::FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Where an output goes.
pub enum Output {
    Stream {
        stream: Stream,
        what: String,
    },
    File {
        path: String,
        what: String,
        target: PathBuf,
        /// `None`: written in place (a FIFO or a device).
        tmp: Option<PathBuf>,
        file: Option<File>,
        mode: u32,
        owner: Option<(u32, u32)>,
        fifo: bool,
        committed: bool,
    },
}

impl Output {
    pub fn stdout(what: &str) -> Output {
        Output::Stream {
            stream: Stream::Stdout,
            what: what.into(),
        }
    }

    /// Whether bytes reach the destination as they are written.
    pub fn direct(&self) -> bool {
        match self {
            Output::Stream { .. } => true,
            Output::File { tmp, .. } => tmp.is_none(),
        }
    }

    fn stream_failed(stream: Stream, what: &str, e: &io::Error) -> Failure {
        // A reader that stopped reading (`| head`) is not an error; one that
        // missed the report is.
        if e.kind() == io::ErrorKind::BrokenPipe && what != "report" {
            return Failure::ReaderGone;
        }
        let name = if stream == Stream::Stdout {
            "stdout"
        } else {
            "stderr"
        };
        file_error(e, name, what, true)
    }

    fn open(&mut self) -> Result<&mut File, Failure> {
        let Output::File {
            path,
            what,
            target,
            file,
            ..
        } = self
        else {
            return Err(Failure::Fail("not a file".into()));
        };
        if file.is_none() {
            // In place: no O_CREAT, no O_TRUNC; and still special once open.
            let f = OpenOptions::new()
                .write(true)
                .custom_flags(O_NOCTTY)
                .open(&*target)
                .map_err(|e| file_error(&e, path, what, true))?;
            let t = f
                .metadata()
                .map_err(|e| file_error(&e, path, what, true))?
                .file_type();
            if !is_special(&t) {
                let now = if t.is_file() {
                    "a regular file"
                } else {
                    kind_of(&t)
                };
                return Err(Failure::Fail(format!(
                    "{path}: changed while being opened (now {now}); not written"
                )));
            }
            *file = Some(f);
        }
        file.as_mut()
            .ok_or_else(|| Failure::Fail("not open".into()))
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        if bytes.is_empty() && matches!(self, Output::Stream { .. }) {
            return Ok(());
        }
        match self {
            Output::Stream { stream, what } => {
                let r = match stream {
                    Stream::Stdout => io::stdout().lock().write_all(bytes),
                    Stream::Stderr => io::stderr().lock().write_all(bytes),
                };
                r.map_err(|e| Output::stream_failed(*stream, what, &e))
            }
            Output::File { .. } => {
                let (path, what) = match self {
                    Output::File { path, what, .. } => (path.clone(), what.clone()),
                    Output::Stream { .. } => unreachable!(),
                };
                let f = self.open()?;
                f.write_all(bytes)
                    .map_err(|e| file_error(&e, &path, &what, true))
            }
        }
    }

    /// Everything written: flush and close.
    pub fn end(&mut self) -> Result<(), Failure> {
        match self {
            Output::Stream { stream, what } => {
                let r = match stream {
                    Stream::Stdout => io::stdout().lock().flush(),
                    Stream::Stderr => io::stderr().lock().flush(),
                };
                r.map_err(|e| Output::stream_failed(*stream, what, &e))
            }
            Output::File { .. } => {
                self.open()?;
                let Output::File {
                    path,
                    what,
                    tmp,
                    file,
                    mode,
                    owner,
                    ..
                } = self
                else {
                    return Ok(());
                };
                let Some(f) = file.take() else { return Ok(()) };
                if tmp.is_some() {
                    let done = f
                        .set_permissions(fs::Permissions::from_mode(*mode))
                        .and_then(|()| {
                            if let Some((uid, gid)) = owner {
                                let _ = std::os::unix::fs::fchown(&f, Some(*uid), Some(*gid));
                            }
                            f.sync_data()
                        });
                    done.map_err(|e| file_error(&e, path, what, true))?;
                }
                Ok(())
            }
        }
    }

    /// Put the temporary file in place.
    pub fn commit(&mut self) -> Result<(), Failure> {
        let Output::File {
            path,
            what,
            target,
            tmp: Some(tmp),
            committed,
            ..
        } = self
        else {
            return Ok(());
        };
        match fs::symlink_metadata(&*target) {
            Ok(m) if !m.file_type().is_file() => {
                return Err(Failure::Fail(format!(
                    "{path}: is now {}; not replaced",
                    kind_of(&m.file_type())
                )))
            }
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(file_error(&e, path, what, true))
            }
            _ => {}
        }
        fs::rename(&*tmp, &*target).map_err(|e| file_error(&e, path, what, true))?;
        forget_temporary(tmp);
        *committed = true;
        Ok(())
    }

    /// Undo: remove the temporary file, or the file this run put in place.
    pub fn discard(&mut self) {
        if let Output::File {
            target,
            tmp,
            file,
            fifo,
            committed,
            ..
        } = self
        {
            if file.is_none() && *fifo {
                // A reader waiting on a FIFO never opened gets its end of file.
                let _ = OpenOptions::new()
                    .write(true)
                    .custom_flags(O_NONBLOCK)
                    .open(&*target);
            }
            *file = None;
            if let Some(tmp) = tmp {
                let _ = fs::remove_file(if *committed { &*target } else { &*tmp });
                forget_temporary(tmp);
            }
        }
    }
}

fn forget_temporary(tmp: &Path) {
    if let Ok(mut t) = TEMPORARY.lock() {
        t.retain(|p| p != tmp);
    }
    if let Ok(mut t) = signals::PATHS.lock() {
        t.retain(|p| p.as_bytes() != tmp.as_os_str().as_bytes());
    }
}

/// Temporary files are removed if the run is interrupted (Ctrl-C, kill), and
/// the exit code is 128 + the signal's number, as the Node CLI does.
pub mod signals {
    use std::ffi::{c_char, CString};
    use std::sync::Mutex;

    // From the C library std already links: no crate needed for three calls.
    extern "C" {
        fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
        fn unlink(path: *const c_char) -> i32;
        fn _exit(status: i32) -> !;
    }

    /// The temporary files as C strings, made before any signal can need
    /// them: the handler allocates nothing.
    pub static PATHS: Mutex<Vec<CString>> = Mutex::new(Vec::new());

    extern "C" fn on_signal(signum: i32) {
        // try_lock: a signal that arrives while the list is being changed
        // must not wait for it forever.
        if let Ok(paths) = PATHS.try_lock() {
            for p in paths.iter() {
                // SAFETY: `p` is a NUL-terminated path; unlink is async-signal-safe.
                unsafe { unlink(p.as_ptr()) };
            }
        }
        // SAFETY: _exit is async-signal-safe and ends the process at once.
        unsafe { _exit(128 + signum) }
    }

    /// SIGHUP, SIGINT and SIGTERM remove the temporary files.
    pub fn install() {
        for signum in [1, 2, 15] {
            // SAFETY: the handler only calls async-signal-safe functions.
            unsafe { signal(signum, on_signal) };
        }
    }
}

/// The process's umask (Linux says it in /proc; 022 elsewhere).
fn umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// Nine random bytes as base64url: a temporary file's name.
fn random_suffix() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut bytes = Vec::with_capacity(16);
    for i in 0..2u64 {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        h.write_u32(std::process::id());
        bytes.extend_from_slice(&h.finish().to_le_bytes());
    }
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    bytes[..9]
        .chunks(3)
        .flat_map(|c| {
            let n = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
            [18, 12, 6, 0].map(|s| A[((n >> s) & 63) as usize] as char)
        })
        .collect()
}

/// How `path` will be written, decided (and refused) before any work.
pub fn prepare(path: &str, what: &str) -> Result<Output, Failure> {
    if let Some(stream) = own_stream(path) {
        return Ok(Output::Stream {
            stream,
            what: what.into(),
        });
    }
    let st = match fs::metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok_and(|l| l.file_type().is_symlink()) {
                return Err(Failure::Fail(format!("{path}: a symbolic link to nothing; refusing to write through it (give the path it should point to)")));
            }
            None
        }
        Err(e) => return Err(file_error(&e, path, what, true)),
    };
    let file = |target: PathBuf, tmp, file, mode, owner, fifo| Output::File {
        path: path.into(),
        what: what.into(),
        target,
        tmp,
        file,
        mode,
        owner,
        fifo,
        committed: false,
    };
    if let Some(m) = &st {
        let t = m.file_type();
        if is_special(&t) {
            return Ok(file(path.into(), None, None, 0, None, t.is_fifo()));
        }
        if !t.is_file() {
            return Err(Failure::Fail(format!(
                "{path}: {}; refusing to replace it with the {what}",
                kind_of(&t)
            )));
        }
    }
    let target = match &st {
        Some(_) => fs::canonicalize(path).map_err(|e| file_error(&e, path, what, true))?,
        None => PathBuf::from(path),
    };
    let is_root = fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false);
    let owner = st.as_ref().filter(|_| is_root).map(|m| (m.uid(), m.gid()));
    let mode = st.as_ref().map_or(0o666 & !umask(), |m| m.mode() & 0o777);
    let dir = target.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().chars().take(100).collect::<String>())
        .unwrap_or_default();
    let mut attempt = 0;
    loop {
        let tmp = dir.join(format!(".{name}.{}.tmp", random_suffix()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
        {
            Ok(f) => {
                if let Ok(mut t) = TEMPORARY.lock() {
                    t.push(tmp.clone());
                }
                if let (Ok(mut t), Ok(c)) = (
                    signals::PATHS.lock(),
                    std::ffi::CString::new(tmp.as_os_str().as_bytes()),
                ) {
                    t.push(c);
                }
                return Ok(file(target, Some(tmp), Some(f), mode, owner, false));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 3 => attempt += 1,
            Err(e) => return Err(file_error(&e, path, what, true)),
        }
    }
}

/// The input, `-` for stdin.
pub enum Input {
    Stdin(io::Stdin),
    File(File),
}

impl Input {
    pub fn open(file: &str) -> Result<Input, Failure> {
        if file == "-" {
            return Ok(Input::Stdin(io::stdin()));
        }
        File::open(file)
            .map(Input::File)
            .map_err(|e| file_error(&e, file, "CSV file", false))
    }

    /// The next chunk into `buf`; 0 at the end.
    pub fn read(&mut self, buf: &mut [u8], file: &str) -> Result<usize, Failure> {
        loop {
            let r = match self {
                Input::Stdin(s) => s.lock().read(buf),
                Input::File(f) => f.read(buf),
            };
            match r {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let name = if file == "-" { "stdin" } else { file };
                    return Err(file_error(&e, name, "CSV file", false));
                }
            }
        }
    }
}
