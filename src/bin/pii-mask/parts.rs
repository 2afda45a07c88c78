//! `mask` over several threads: the core's split (`pii_mask::split`) with
//! `std::thread`. The output and the report are one pass's; the first error
//! in file order is the one reported.

use crate::files::Input;
use crate::run::Failure;
use pii_mask::split::{PartStart, Splitter, Tally};
use pii_mask::{Error, MaskOptions, Masker, Policy};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;
/// A part's least size: big enough that per-part costs vanish, small enough
/// that `2 * jobs` parts and their outputs in flight stay a few tens of MB.
const PART_BYTES: usize = 1 << 20;

/// `PII_MASK_PART_BYTES` sets another part size, so that tests can cut
/// small files into many parts (the Node CLI reads it too).
fn part_bytes() -> usize {
    std::env::var("PII_MASK_PART_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(PART_BYTES)
}

/// What the run needs from its caller.
pub struct Sinks<'a> {
    pub write: &'a mut dyn FnMut(&[u8]) -> Result<(), Failure>,
    pub progress: &'a mut dyn FnMut(usize),
    pub error: &'a dyn Fn(Error) -> Failure,
}

struct Job {
    index: usize,
    input: Vec<u8>,
    start: PartStart,
    last: bool,
}

/// A part's input (for the audit digests) and its output and tally.
type PartResult = (Vec<u8>, Result<(Vec<u8>, Tally), Error>);
type Done = (usize, PartResult);

/// Masks `file` into `main` (built from `policy` and `opts`), with `jobs`
/// threads when the file, the policy and the jobs allow it; else in one
/// pass. `main.finish` is left to the caller.
pub fn mask(
    file: &str,
    policy: &Policy,
    opts: &MaskOptions,
    jobs: usize,
    main: &mut Masker,
    sinks: Sinks<'_>,
) -> Result<(), Failure> {
    let mut input = Input::open(file)?;
    // Parts pay off from two of them; a small file is one pass.
    let big =
        file != "-" && std::fs::metadata(file).is_ok_and(|m| m.len() >= 2 * part_bytes() as u64);
    let jobs = if big { jobs } else { 1 };
    // The first read reaches the end of the sniff sample (64 KiB) or the file.
    let mut first = Vec::with_capacity(CHUNK);
    let eof = fill(&mut input, &mut first, CHUNK, file)?;
    let splitter = (jobs > 1 && file != "-" && Masker::unsplittable(policy).is_none())
        .then(|| {
            let head = Masker::head_records(policy, opts);
            Splitter::new(&first, eof, &opts.csv, head, part_bytes())
        })
        .flatten();
    let Some(splitter) = splitter else {
        return one_pass(input, file, first, eof, main, sinks);
    };
    in_parts(
        input, file, first, eof, splitter, policy, opts, jobs, main, sinks,
    )
}

/// Reads into `buf` until it holds `want` bytes or the input ends (true).
fn fill(input: &mut Input, buf: &mut Vec<u8>, want: usize, file: &str) -> Result<bool, Failure> {
    let mut chunk = vec![0u8; want];
    while buf.len() < want {
        let n = input.read(&mut chunk[..want - buf.len()], file)?;
        if n == 0 {
            return Ok(true);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(false)
}

fn one_pass(
    mut input: Input,
    file: &str,
    first: Vec<u8>,
    mut eof: bool,
    main: &mut Masker,
    sinks: Sinks<'_>,
) -> Result<(), Failure> {
    let mut out = Vec::with_capacity(CHUNK + CHUNK / 8);
    let mut chunk = first;
    loop {
        out.clear();
        main.push(&chunk, &mut out).map_err(sinks.error)?;
        (sinks.write)(&out)?;
        (sinks.progress)(chunk.len());
        if eof {
            return Ok(());
        }
        chunk.resize(CHUNK, 0);
        let n = input.read(&mut chunk, file)?;
        chunk.truncate(n);
        eof = n == 0;
    }
}

#[allow(clippy::too_many_arguments)]
fn in_parts(
    mut input: Input,
    file: &str,
    first: Vec<u8>,
    mut eof: bool,
    mut splitter: Splitter,
    policy: &Policy,
    opts: &MaskOptions,
    jobs: usize,
    main: &mut Masker,
    sinks: Sinks<'_>,
) -> Result<(), Failure> {
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let stop = Arc::new(AtomicBool::new(false));
    let head: Arc<Mutex<Option<Arc<Vec<u8>>>>> = Arc::new(Mutex::new(None));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let (job_rx, done_tx, stop, head) =
                (job_rx.clone(), done_tx.clone(), stop.clone(), head.clone());
            scope.spawn(move || worker(policy, opts, &job_rx, &done_tx, &stop, &head));
        }
        drop(done_tx);
        let mut run = Coordinator {
            main,
            sinks,
            done_rx,
            ready: BTreeMap::new(),
            sent: 1,
            written: 1,
            limit: 2 * jobs,
        };
        let result = (|| -> Result<(), Failure> {
            let mut part: Vec<u8> = Vec::new();
            let mut start = PartStart { line: 1, record: 0 };
            let mut head_done = false;
            let mut chunk = first;
            loop {
                let mut rest = &chunk[..];
                while let Some(cut) = splitter.cut(rest) {
                    part.extend_from_slice(&rest[..cut.at]);
                    rest = &rest[cut.at..];
                    let bytes = std::mem::take(&mut part);
                    if head_done {
                        run.send(&job_tx, bytes, start, false)?;
                    } else {
                        // The head: masked here, then given to every worker.
                        run.push_head(&bytes)?;
                        *head.lock().map_err(poisoned)? = Some(Arc::new(bytes));
                        head_done = true;
                    }
                    start = cut.next;
                }
                part.extend_from_slice(rest);
                if eof {
                    break;
                }
                chunk.resize(CHUNK, 0);
                let n = input.read(&mut chunk, file)?;
                chunk.truncate(n);
                eof = n == 0;
            }
            if !head_done {
                run.push_head(&part)?;
            } else if !part.is_empty() {
                run.send(&job_tx, part, start, true)?;
            }
            while run.written < run.sent {
                run.wait()?;
            }
            Ok(())
        })();
        stop.store(true, Ordering::Relaxed);
        drop(job_tx);
        result
    })
}

fn poisoned<T>(_: T) -> Failure {
    Failure::Fail("internal: a worker thread failed".into())
}

struct Coordinator<'a, 'b> {
    main: &'a mut Masker,
    sinks: Sinks<'b>,
    done_rx: mpsc::Receiver<Done>,
    /// Parts done, waiting for the ones before them.
    ready: BTreeMap<usize, PartResult>,
    sent: usize,
    written: usize,
    /// Parts in flight at most: bounds memory.
    limit: usize,
}

impl Coordinator<'_, '_> {
    fn push_head(&mut self, head: &[u8]) -> Result<(), Failure> {
        let mut out = Vec::new();
        self.main.push(head, &mut out).map_err(self.sinks.error)?;
        (self.sinks.write)(&out)?;
        (self.sinks.progress)(head.len());
        Ok(())
    }

    fn send(
        &mut self,
        jobs: &mpsc::Sender<Job>,
        input: Vec<u8>,
        start: PartStart,
        last: bool,
    ) -> Result<(), Failure> {
        while self.sent - self.written >= self.limit {
            self.wait()?;
        }
        let job = Job {
            index: self.sent,
            input,
            start,
            last,
        };
        jobs.send(job).map_err(poisoned)?;
        self.sent += 1;
        Ok(())
    }

    /// Waits for a part, then writes every part that is next in order.
    fn wait(&mut self) -> Result<(), Failure> {
        let (index, part) = self.done_rx.recv().map_err(poisoned)?;
        self.ready.insert(index, part);
        while let Some((input, result)) = self.ready.remove(&self.written) {
            let (out, tally) = result.map_err(self.sinks.error)?;
            self.main.absorb(&tally).map_err(self.sinks.error)?;
            self.main.audit_part(&input, &out);
            (self.sinks.write)(&out)?;
            (self.sinks.progress)(input.len());
            self.written += 1;
        }
        Ok(())
    }
}

fn worker(
    policy: &Policy,
    opts: &MaskOptions,
    jobs: &Mutex<mpsc::Receiver<Job>>,
    done: &mpsc::Sender<Done>,
    stop: &AtomicBool,
    head: &Mutex<Option<Arc<Vec<u8>>>>,
) {
    let mut masker: Option<Masker> = None;
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let result = (|| {
            let m = match &mut masker {
                Some(m) => m,
                slot => {
                    // The head is in place before the first part is sent.
                    let head = head.lock().ok().and_then(|h| h.clone()).ok_or_else(|| {
                        Error::new(pii_mask::ErrorKind::InvalidState, "internal: no head")
                    })?;
                    slot.insert(Masker::for_parts(policy.clone(), opts.clone(), &head)?)
                }
            };
            m.begin_part(job.start)?;
            let mut out = Vec::with_capacity(job.input.len() + job.input.len() / 8);
            m.push(&job.input, &mut out)?;
            let tally = m.end_part(&mut out, job.last)?;
            Ok((out, tally))
        })();
        if done.send((job.index, (job.input, result))).is_err() {
            return;
        }
    }
}
